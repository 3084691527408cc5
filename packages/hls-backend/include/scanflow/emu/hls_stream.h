// scanflow C-simulation emulation of hls::stream (g++ only; never on the Vitis include path).
//
// An unbounded FIFO. Provided: construction with or without a name, read() / read(T&), write(),
// operator>> / operator<< (returning void, as in Vitis), empty(), full() (always false), size(),
// read_nb() / write_nb(). The optional second template argument (depth) is accepted and ignored.
// Reading an empty stream is a deadlock in hardware; here it throws std::runtime_error naming the
// stream, so a C-simulation fails loudly instead of returning garbage. Streams cannot be copied.
#ifndef SCANFLOW_EMU_HLS_STREAM_H
#define SCANFLOW_EMU_HLS_STREAM_H

#include <cstddef>
#include <deque>
#include <stdexcept>
#include <string>

namespace hls {

template <typename T, int DEPTH = 0>
class stream {
 public:
  stream() : name_("hls::stream") {}
  explicit stream(const char* name) : name_(name) {}
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  T read() {
    if (queue_.empty()) throw std::runtime_error("read from empty stream '" + name_ + "'");
    T value = queue_.front();
    queue_.pop_front();
    return value;
  }
  void read(T& value) { value = read(); }
  bool read_nb(T& value) {
    if (queue_.empty()) return false;
    value = read();
    return true;
  }
  void operator>>(T& value) { value = read(); }

  void write(const T& value) { queue_.push_back(value); }
  bool write_nb(const T& value) {
    write(value);
    return true;
  }
  void operator<<(const T& value) { write(value); }

  bool empty() const { return queue_.empty(); }
  bool full() const { return false; }
  std::size_t size() const { return queue_.size(); }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::deque<T> queue_;
};

}  // namespace hls

#endif  // SCANFLOW_EMU_HLS_STREAM_H
