import { describe, expect, it } from 'vitest';
import { formatPipeline, parsePipeline, PipelineSyntaxError } from './parse-pipeline';

describe('parsePipeline', () => {
  it.each([
    ['cleanup', [{ name: 'cleanup', options: {} }]],
    ['a,b-c , d', [{ name: 'a', options: {} }, { name: 'b-c', options: {} }, { name: 'd', options: {} }]],
    ['streamline{max-iterations=8, verbose=true, mode=fast, eps=1e-3}', [{ name: 'streamline', options: { 'max-iterations': 8, verbose: true, mode: 'fast', eps: 0.001 } }]],
    ['x{},y', [{ name: 'x', options: {} }, { name: 'y', options: {} }]],
    ['', []],
    ['apply-folding{file="my folds/a,b{1}.json", n="12"}', [{ name: 'apply-folding', options: { file: 'my folds/a,b{1}.json', n: '12' } }]],
    ['a{k="say \\"hi\\" \\\\ ok"}', [{ name: 'a', options: { k: 'say "hi" \\ ok' } }]],
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
    ['a{k="open}', /unterminated quoted value/],
    ['a{k="\\q"}', /bad escape/],
  ])('rejects %s', (text, message) => {
    expect(() => parsePipeline(text)).toThrow(PipelineSyntaxError);
    expect(() => parsePipeline(text)).toThrow(message);
  });

  it('prints what it parses', () => {
    const text = 'cleanup,qcdq-to-quant{narrow=false},streamline{max-iterations=4}';
    expect(formatPipeline(parsePipeline(text))).toBe(text);
  });

  it('quotes the string values that would not read back as themselves', () => {
    const entries = [{ name: 'a', options: { path: '/tmp/x y,z}.json', n: '12', b: 'true', e: '', plain: 'fast', num: 3 } }];
    const text = formatPipeline(entries);
    expect(text).toBe('a{path="/tmp/x y,z}.json",n="12",b="true",e="",plain=fast,num=3}');
    expect(parsePipeline(text)).toEqual(entries);
  });
});
