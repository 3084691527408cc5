import { describe, expect, it } from 'vitest';
import { formatPipeline, parsePipeline, PipelineSyntaxError } from './parse-pipeline';

describe('parsePipeline', () => {
  it.each([
    ['cleanup', [{ name: 'cleanup', options: {} }]],
    ['a,b-c , d', [{ name: 'a', options: {} }, { name: 'b-c', options: {} }, { name: 'd', options: {} }]],
    ['streamline{max-iterations=8, verbose=true, mode=fast, eps=1e-3}', [{ name: 'streamline', options: { 'max-iterations': 8, verbose: true, mode: 'fast', eps: 0.001 } }]],
    ['x{},y', [{ name: 'x', options: {} }, { name: 'y', options: {} }]],
    ['', []],
  ])('%s', (text, expected) => {
    expect(parsePipeline(text)).toEqual(expected);
  });

  it.each([
    ['a,,b', /expected a kebab-case pass name/],
    ['a,', /after the last comma/],
    ['Cleanup', /kebab-case/],
    ['a{k}', /expected '=' after option 'k'/],
    ['a{k=1,k=2}', /option 'k' given twice/],
    ['a{k=1', /expected ',' or '}'/],
    ['a b', /expected ',' between passes/],
  ])('rejects %s', (text, message) => {
    expect(() => parsePipeline(text)).toThrow(PipelineSyntaxError);
    expect(() => parsePipeline(text)).toThrow(message);
  });

  it('prints what it parses', () => {
    const text = 'cleanup,qcdq-to-quant{narrow=false},streamline{max-iterations=4}';
    expect(formatPipeline(parsePipeline(text))).toBe(text);
  });
});
