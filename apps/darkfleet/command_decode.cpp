#include "command_decode.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "darkfleet/io/message_writers.hpp"
#include "darkfleet/io/nmea_decoder.hpp"
#include "decode_stats_report.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "type_list.hpp"

namespace darkfleet::cli {
namespace {

enum class Format { json, csv, none };

// Wires decoder output to the chosen writer, the reject file and the progress bar.
class DecodeToOutput final : public io::DecodeSink {
 public:
  DecodeToOutput(Format format, Output* output, Output* rejects, ProgressBar& progress)
      : m_format(format), m_output(output), m_rejects(rejects), m_progress(progress) {}

  void start_input(const std::string& name) { m_input_name = name; }

  void on_batch(std::span<const io::DecodedMessage> batch) override {
    if (m_format == Format::none) return;
    std::string& out = m_output->buffer();
    if (m_format == Format::json) {
      for (const auto& message : batch) io::append_json(out, message);
    } else {
      for (const auto& message : batch) io::append_csv(out, message);
    }
    m_output->write_if_full();
  }

  void on_rejected_line(std::uint64_t line_no, std::string_view line, ErrorCode reason) override {
    if (m_rejects == nullptr) return;
    // file:line <TAB> reason <TAB> the line verbatim
    fmt::format_to(std::back_inserter(m_rejects->buffer()), "{}:{}\t{}\t{}\n", m_input_name,
                   line_no, to_string(reason), line);
    m_rejects->write_if_full();
  }

  void on_progress(const io::InputStream& input, const io::DecodeStats& stats) override {
    m_progress.update(input.file_bytes_read(), input.file_size(), m_done + stats.messages);
  }

  void finish_input(const io::DecodeStats& stats) { m_done += stats.messages; }

 private:
  Format m_format;
  Output* m_output;
  Output* m_rejects;
  ProgressBar& m_progress;
  std::string m_input_name;
  std::uint64_t m_done = 0;
};

}  // namespace

void DecodeCommand::setup(CLI::App& app) {
  app.footer(
      "Decode AIS NMEA 0183 (!xxVDM/!xxVDO, tag blocks, USCG trailers; plain, gzip or zstd)\n"
      "into gpsd-style JSON lines, CSV, or nothing (decode and count). Every input line is\n"
      "accounted for: decoded, part of a decoded message, or rejected with a reason.\n"
      "Manual: darkfleet help decode");
  app.add_option("inputs", m_inputs, "Input files; '-' is stdin (default)")->type_name("FILE");
  app.add_option("-f,--format", m_format, "Output format: json (default), csv, none")
      ->check(CLI::IsMember({"json", "csv", "none"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", m_output, "Output file; '-' is stdout (default)")->type_name("FILE");
  app.add_flag("-O,--overwrite", m_overwrite, "Replace the output file if it exists");
  app.add_option("-t,--types", m_types,
                 "Only write these message types, e.g. 1,2,3,5 or 1-3,5 (all are still counted)")
      ->type_name("LIST");
  app.add_flag("-s,--stats", m_stats, "Print messages by type and rejects by reason to stderr");
  app.add_option("-r,--rejects", m_rejects,
                 "Write every rejected line to FILE as 'input:line<TAB>reason<TAB>line'")
      ->type_name("FILE");
  app.add_flag("--no-progress", m_no_progress, "Never show the progress bar (shown on a TTY)");
  app.add_option("--max-line-bytes", m_max_line_bytes,
                 "Lines longer than this are rejected as line_too_long (default 1048576)")
      ->check(CLI::Range(std::size_t{128}, std::size_t{1} << 30))
      ->type_name("N");
}

int DecodeCommand::run() {
  const Format format = m_format == "csv" ? Format::csv
                        : m_format == "none" ? Format::none
                                             : Format::json;
  io::DecodeOptions options;
  options.max_line_bytes = m_max_line_bytes;
  if (!m_types.empty()) options.types = parse_type_list(m_types);

  std::optional<Output> output;
  if (format != Format::none) output.emplace(m_output, m_overwrite);
  std::optional<Output> rejects;
  if (!m_rejects.empty()) rejects.emplace(m_rejects, m_overwrite);
  if (format == Format::csv) io::append_csv_header(output->buffer());

  ProgressBar progress(!m_no_progress);
  DecodeToOutput sink(format, output ? &*output : nullptr, rejects ? &*rejects : nullptr,
                      progress);
  io::NmeaDecoder decoder(options);
  io::DecodeStats total;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& name : m_inputs) {
    io::InputStream input(name);
    sink.start_input(name == "-" ? "<stdin>" : name);
    const io::DecodeStats stats = decoder.decode(input, sink);
    sink.finish_input(stats);
    total.merge(stats);
  }
  progress.finish();
  if (output) output->close();
  if (rejects) rejects->close();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (m_stats) print_decode_stats(stderr, total, seconds);
  return k_exit_ok;
}

}  // namespace darkfleet::cli
