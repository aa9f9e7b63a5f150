// The decode benchmark driver (run by scripts/bench): times `darkfleet decode` against
// Debian's gpsdecode and a line-scan floor on the same corpus, and writes a Markdown report.
//
// Each command runs as a child process pinned to one core with `taskset -c CPU`, its
// standard output sent to /dev/null. Wall time is taken around fork()/wait4(), CPU time and
// peak memory (ru_maxrss) come from wait4()'s rusage of that child alone. The page cache is
// warmed first, every command is run once untimed to check its output (darkfleet's message
// count from --stats, output line counts), then the K timed runs are interleaved
// (floor, none, json, gpsdecode, floor, ...) and the fastest is reported.
//
// Timings never make this program fail: it exits 1 only when a command cannot be run or exits
// non-zero, 2 for invalid options.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace {

#ifndef DARKFLEET_BENCH_COMPILER
#define DARKFLEET_BENCH_COMPILER "unknown compiler"
#endif
#ifndef DARKFLEET_BENCH_BUILD
#define DARKFLEET_BENCH_BUILD "unknown build type"
#endif
#ifndef DARKFLEET_BENCH_FLAGS
#define DARKFLEET_BENCH_FLAGS ""
#endif

constexpr double k_target_none_messages_per_s = 10e6;
constexpr double k_target_none_vs_gpsdecode = 40.0;
constexpr double k_target_json_messages_per_s = 3e6;

/// Command-line options of the driver.
struct Options {
  std::string corpus;             ///< the NMEA corpus every command reads
  std::uint64_t messages = 0;     ///< complete AIS messages in the corpus
  std::string darkfleet;          ///< path of the darkfleet binary
  std::string floor;              ///< path of line_scan_floor
  std::string gpsdecode = "/usr/bin/gpsdecode";
  std::string report;             ///< Markdown report file (also printed to stdout)
  std::string corpus_summary;     ///< the corpus builder's summary (stderr), for the report
  std::string reproduce;          ///< the command that reproduces the report
  int repeat = 3;                 ///< timed runs per command; the fastest is reported
  int cpu = 0;                    ///< the core every command is pinned to
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr,
               "decode_bench_driver: %s\n"
               "usage: decode_bench_driver --corpus FILE --messages N --darkfleet PATH --floor PATH\n"
               "         [--gpsdecode PATH] [--repeat K] [--cpu N] [--report FILE]\n"
               "         [--corpus-summary FILE] [--reproduce 'COMMAND']\n",
               message.c_str());
  std::exit(2);
}

std::uint64_t parse_count(const std::string& option, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || errno != 0 || end == nullptr || *end != '\0' || text[0] == '-') {
    usage_error(fmt::format("{} needs a non-negative integer, got '{}'", option, text));
  }
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") usage_error("help");
    if (i + 1 >= argc) usage_error(fmt::format("{} needs a value", arg));
    const std::string value = argv[++i];
    if (arg == "--corpus") {
      options.corpus = value;
    } else if (arg == "--messages") {
      options.messages = parse_count(arg, value);
    } else if (arg == "--darkfleet") {
      options.darkfleet = value;
    } else if (arg == "--floor") {
      options.floor = value;
    } else if (arg == "--gpsdecode") {
      options.gpsdecode = value;
    } else if (arg == "--report") {
      options.report = value;
    } else if (arg == "--corpus-summary") {
      options.corpus_summary = value;
    } else if (arg == "--reproduce") {
      options.reproduce = value;
    } else if (arg == "--repeat") {
      options.repeat = static_cast<int>(std::min<std::uint64_t>(parse_count(arg, value), 100));
    } else if (arg == "--cpu") {
      options.cpu = static_cast<int>(std::min<std::uint64_t>(parse_count(arg, value), 4095));
    } else {
      usage_error(fmt::format("unknown option {}", arg));
    }
  }
  if (options.corpus.empty()) usage_error("--corpus is required");
  if (options.messages == 0) usage_error("--messages is required (and > 0)");
  if (options.floor.empty()) usage_error("--floor is required");
  if (options.darkfleet.empty()) usage_error("--darkfleet is required");
  if (options.repeat < 1) usage_error("--repeat must be at least 1");
  return options;
}

bool is_executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

/// The contents of a small text file; empty when it cannot be read.
std::string read_file(const std::string& path) {
  std::string text;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char chunk[4096];
  for (ssize_t got = 0; (got = ::read(fd, chunk, sizeof chunk)) > 0;) {
    text.append(chunk, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return text;
}

std::uint64_t file_size(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw std::runtime_error(fmt::format("cannot stat {}: {}", path, std::strerror(errno)));
  }
  return static_cast<std::uint64_t>(st.st_size);
}

/// Reads `path` once so that every command finds it in the page cache.
void warm_page_cache(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::vector<char> buffer(std::size_t{4} << 20);
  while (::read(fd, buffer.data(), buffer.size()) > 0) {
  }
  ::close(fd);
}

/// Quotes `word` for a POSIX shell when it needs it.
std::string shell_quote(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

/// What to do with a child's standard output.
enum class Stdout { dev_null, count_lines, capture };

/// One command under test.
struct Command {
  std::string label;              ///< row name in the report
  std::vector<std::string> argv;  ///< without the taskset prefix
  std::string stdin_path;         ///< empty: /dev/null
  bool available = true;          ///< false when the binary is missing
  std::string missing_reason;
};

/// The outcome of one child process.
struct RunResult {
  double wall_s = 0;
  double user_s = 0;
  double sys_s = 0;
  double max_rss_mib = 0;
  int exit_code = 0;           ///< exit status, or 128 + signal
  std::uint64_t stdout_lines = 0;
  std::string stdout_text;     ///< Stdout::capture only
  std::string stderr_text;
};

double seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
}

/// Runs `argv` as a child, optionally pinned to `cpu`, and waits for it with wait4().
RunResult run_child(const std::vector<std::string>& argv, const std::string& stdin_path,
                    Stdout out_mode, std::optional<int> cpu) {
  std::vector<std::string> full;
  if (cpu) full = {"taskset", "-c", std::to_string(*cpu)};
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<char*> c_argv;
  for (auto& word : full) c_argv.push_back(word.data());
  c_argv.push_back(nullptr);

  char err_template[] = "/tmp/darkfleet-bench-stderr-XXXXXX";
  const int err_fd = ::mkstemp(err_template);
  if (err_fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::unlink(err_template);
  int out_pipe[2] = {-1, -1};
  if (out_mode != Stdout::dev_null && ::pipe2(out_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot create a pipe");
  }
  const std::string in_path = stdin_path.empty() ? "/dev/null" : stdin_path;

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(fmt::format("fork: {}", std::strerror(errno)));
  if (pid == 0) {
    const int in_fd = ::open(in_path.c_str(), O_RDONLY);
    const int null_fd = ::open("/dev/null", O_WRONLY);
    if (in_fd < 0 || null_fd < 0) ::_exit(126);
    ::dup2(in_fd, STDIN_FILENO);
    ::dup2(out_mode == Stdout::dev_null ? null_fd : out_pipe[1], STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execvp(c_argv[0], c_argv.data());
    std::fprintf(stderr, "cannot run %s: %s\n", c_argv[0], std::strerror(errno));
    ::_exit(127);
  }
  RunResult result;
  if (out_mode != Stdout::dev_null) {
    ::close(out_pipe[1]);
    std::vector<char> buffer(std::size_t{1} << 20);
    for (;;) {
      const ssize_t got = ::read(out_pipe[0], buffer.data(), buffer.size());
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      const auto size = static_cast<std::size_t>(got);
      result.stdout_lines +=
          static_cast<std::uint64_t>(std::count(buffer.data(), buffer.data() + size, '\n'));
      if (out_mode == Stdout::capture && result.stdout_text.size() < 65536) {
        result.stdout_text.append(buffer.data(), size);
      }
    }
    ::close(out_pipe[0]);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::runtime_error(fmt::format("wait4: {}", std::strerror(errno)));
  }
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.user_s = seconds(usage.ru_utime);
  result.sys_s = seconds(usage.ru_stime);
  result.max_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

  ::lseek(err_fd, 0, SEEK_SET);
  char chunk[4096];
  for (ssize_t got = 0; (got = ::read(err_fd, chunk, sizeof chunk)) > 0;) {
    if (result.stderr_text.size() < 65536) result.stderr_text.append(chunk, static_cast<std::size_t>(got));
  }
  ::close(err_fd);
  return result;
}

/// The shell form of a command as it is timed (taskset prefix, redirections).
std::string shown_command(const Command& command, int cpu) {
  std::string line = fmt::format("taskset -c {}", cpu);
  for (const auto& word : command.argv) {
    line.push_back(' ');
    line.append(shell_quote(word));
  }
  if (!command.stdin_path.empty()) {
    line.append(" < ");
    line.append(shell_quote(command.stdin_path));
  }
  line.append(" > /dev/null");
  return line;
}

/// The aggregate of K timed runs of one command.
struct Measurement {
  bool measured = false;
  RunResult best;             ///< the run with the least wall time
  double max_rss_mib = 0;     ///< peak over all runs
  std::vector<double> walls;  ///< every run, in order
};

std::string first_line_of(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  }
  return "unknown CPU";
}

/// The 1, 5 and 15 minute load averages from /proc/loadavg.
std::string load_average() {
  const std::string text = read_file("/proc/loadavg");
  std::size_t end = 0;
  for (int fields = 0; fields < 3 && end != std::string::npos; ++fields) {
    end = text.find(' ', end == 0 ? 0 : end + 1);
  }
  return trimmed(text.substr(0, end));
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

/// 1234567 -> "1,234,567".
std::string grouped(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
    text.push_back(digits[i]);
  }
  return text;
}

std::optional<std::uint64_t> parse_decoded_messages(const std::string& stats) {
  // darkfleet decode --stats prints "messages: N decoded, M written".
  const auto at = stats.find("messages: ");
  if (at == std::string::npos) return std::nullopt;
  const char* begin = stats.c_str() + at + 10;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(begin, &end, 10);
  if (end == begin) return std::nullopt;
  return value;
}

int run(const Options& options) {
  const std::uint64_t corpus_bytes = file_size(options.corpus);
  const double mb = static_cast<double>(corpus_bytes) / 1e6;
  const auto messages = static_cast<double>(options.messages);

  std::vector<Command> commands;
  commands.push_back({"line-scan floor (read + memchr)", {options.floor, options.corpus}, "", true, ""});
  commands.push_back({"darkfleet decode --format none",
                      {options.darkfleet, "decode", "--format", "none", "--no-progress", options.corpus},
                      "", true, ""});
  commands.push_back({"darkfleet decode --format json",
                      {options.darkfleet, "decode", "--format", "json", "--no-progress", options.corpus},
                      "", true, ""});
  commands.push_back({"gpsdecode (default: JSON)", {options.gpsdecode}, options.corpus, true, ""});
  enum : std::size_t { k_floor, k_none, k_json, k_gpsdecode };
  for (auto& command : commands) {
    if (!is_executable(command.argv[0])) {
      command.available = false;
      command.missing_reason = fmt::format("`{}` not found", command.argv[0]);
    }
  }
  if (!commands[k_floor].available) throw std::runtime_error(commands[k_floor].missing_reason);

  const std::string load_before = load_average();
  std::fprintf(stderr, "bench: warming the page cache with %s\n", options.corpus.c_str());
  warm_page_cache(options.corpus);

  // One untimed run each: checks that the command works and what it writes.
  std::vector<std::string> checks(commands.size());
  bool failed = false;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (!commands[i].available) continue;
    std::vector<std::string> argv = commands[i].argv;
    if (i == k_none) argv.insert(argv.begin() + 4, "--stats");
    const Stdout mode = i == k_floor ? Stdout::capture : Stdout::count_lines;
    std::fprintf(stderr, "bench: checking %s\n", commands[i].label.c_str());
    const RunResult check = run_child(argv, commands[i].stdin_path, mode, options.cpu);
    if (check.exit_code != 0) {
      std::fprintf(stderr, "bench: %s exited with %d:\n%s\n", commands[i].label.c_str(),
                   check.exit_code, check.stderr_text.c_str());
      commands[i].available = false;
      commands[i].missing_reason = fmt::format("exited with status {}", check.exit_code);
      failed = true;
      continue;
    }
    if (i == k_floor) {
      checks[i] = fmt::format("counted {}", first_line_of(check.stdout_text));
    } else if (i == k_none) {
      const auto decoded = parse_decoded_messages(check.stderr_text);
      if (!decoded) {
        checks[i] = "`--stats` output not recognised";
      } else if (*decoded == options.messages) {
        checks[i] = fmt::format("`--stats`: all {} messages decoded", grouped(*decoded));
      } else {
        checks[i] = fmt::format(
            "`--stats`: {} of {} messages decoded, {} rejected (the reasons: `darkfleet decode "
            "--format none --stats FILE`)",
            grouped(*decoded), grouped(options.messages),
            grouped(options.messages > *decoded ? options.messages - *decoded : 0));
      }
    } else if (i == k_json) {
      checks[i] = fmt::format("{} JSON lines", grouped(check.stdout_lines));
    } else {
      checks[i] = fmt::format("{} JSON lines", grouped(check.stdout_lines));
    }
  }

  // Timed runs, interleaved so that drift in machine speed hits every command alike.
  std::vector<Measurement> results(commands.size());
  for (int round = 1; round <= options.repeat; ++round) {
    for (std::size_t i = 0; i < commands.size(); ++i) {
      if (!commands[i].available) continue;
      const RunResult r = run_child(commands[i].argv, commands[i].stdin_path, Stdout::dev_null, options.cpu);
      if (r.exit_code != 0) {
        std::fprintf(stderr, "bench: %s exited with %d:\n%s\n", commands[i].label.c_str(),
                     r.exit_code, r.stderr_text.c_str());
        commands[i].available = false;
        commands[i].missing_reason = fmt::format("exited with status {}", r.exit_code);
        results[i].measured = false;
        failed = true;
        continue;
      }
      std::fprintf(stderr, "bench: run %d/%d  %-34s %8.3f s  %7.1f MiB\n", round, options.repeat,
                   commands[i].label.c_str(), r.wall_s, r.max_rss_mib);
      Measurement& m = results[i];
      if (!m.measured || r.wall_s < m.best.wall_s) m.best = r;
      m.max_rss_mib = std::max(m.max_rss_mib, r.max_rss_mib);
      m.walls.push_back(r.wall_s);
      m.measured = true;
    }
  }

  // The report.
  utsname uts{};
  ::uname(&uts);
  const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
  const double mem_gib = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) *
                         static_cast<double>(::sysconf(_SC_PAGE_SIZE)) / (1024.0 * 1024.0 * 1024.0);
  std::string gpsdecode_version = "not found";
  if (commands[k_gpsdecode].available || is_executable(options.gpsdecode)) {
    // gpsdecode -V prints "gpsdecode revision 3.22" to standard error.
    const RunResult version = run_child({options.gpsdecode, "-V"}, "", Stdout::capture, std::nullopt);
    gpsdecode_version = trimmed(first_line_of(version.stdout_text + version.stderr_text));
  }

  std::string md;
  auto out = std::back_inserter(md);
  fmt::format_to(out, "# darkfleet decode benchmark\n\n");
  fmt::format_to(out, "- date: {}\n", utc_now());
  fmt::format_to(out, "- machine: {}, {} logical cores, {:.0f} GiB; Linux {} {}\n", cpu_model(),
                 cores, mem_gib, uts.release, uts.machine);
  fmt::format_to(out, "- load average before / after the runs: {} / {}\n", load_before,
                 load_average());
  fmt::format_to(out, "- one core: every command pinned with `taskset -c {}`\n", options.cpu);
  fmt::format_to(out, "- compiler: {} ({} build, flags `{}`)\n", DARKFLEET_BENCH_COMPILER,
                 DARKFLEET_BENCH_BUILD, trimmed(DARKFLEET_BENCH_FLAGS));
  fmt::format_to(out, "- peer: {} (Debian gpsd-clients)\n", gpsdecode_version);
  fmt::format_to(out, "- corpus: `{}`: {} AIS messages, {} bytes ({:.1f} MB)\n", options.corpus,
                 grouped(options.messages), grouped(corpus_bytes), mb);
  if (!options.corpus_summary.empty()) {
    const std::string summary = read_file(options.corpus_summary);
    if (!summary.empty()) {
      fmt::format_to(out, "\n  corpus builder summary:\n\n");
      std::size_t start = 0;
      while (start < summary.size()) {
        auto end = summary.find('\n', start);
        if (end == std::string::npos) end = summary.size();
        fmt::format_to(out, "      {}\n", summary.substr(start, end - start));
        start = end + 1;
      }
    }
  }
  fmt::format_to(out,
                 "\nBest of {} runs per command (interleaved; page cache warm). messages/s = {} "
                 "messages / wall s; MB/s = input bytes / wall s (1 MB = 10^6 B); peak RSS = "
                 "`ru_maxrss` of the child from `wait4()`, highest of all runs.\n\n",
                 options.repeat, grouped(options.messages));
  fmt::format_to(out, "| command | wall s | CPU s | M messages/s | MB/s | peak RSS MiB | vs gpsdecode |\n");
  fmt::format_to(out, "|---|---:|---:|---:|---:|---:|---:|\n");
  const bool have_gpsdecode = results[k_gpsdecode].measured;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Measurement& m = results[i];
    if (!m.measured) {
      fmt::format_to(out, "| {} | not measured: {} | | | | | |\n", commands[i].label,
                     commands[i].missing_reason);
      continue;
    }
    const double wall = m.best.wall_s;
    const std::string ratio =
        have_gpsdecode ? fmt::format("{:.1f}×", results[k_gpsdecode].best.wall_s / wall) : "–";
    fmt::format_to(out, "| {} | {:.3f} | {:.3f} | {:.2f} | {:.0f} | {:.1f} | {} |\n",
                   commands[i].label, wall, m.best.user_s + m.best.sys_s, messages / wall / 1e6,
                   mb / wall, m.max_rss_mib, ratio);
  }

  // A best run whose wall time is well above its CPU time waited for the core: another
  // process ran on it, so the figures understate what the program can do.
  double worst_wait = 0;
  for (const auto& m : results) {
    if (m.measured && m.best.wall_s > 0.02) {
      worst_wait = std::max(worst_wait, m.best.wall_s / std::max(m.best.user_s + m.best.sys_s, 1e-3));
    }
  }
  if (worst_wait > 1.15) {
    fmt::format_to(out,
                   "\n**Busy machine:** a best run took {:.0f} % more wall time than CPU time (other "
                   "processes shared core {}); wall-time figures are pessimistic. Rerun on an idle "
                   "machine, or with more `--repeat`.\n",
                   (worst_wait - 1) * 100, options.cpu);
  }

  fmt::format_to(out, "\n## Targets (one core)\n\n| target | measured | met |\n|---|---:|:---:|\n");
  auto target_row = [&](std::string_view name, bool measured, double value, std::string_view unit,
                        double goal) {
    if (!measured) {
      fmt::format_to(out, "| {} | not measured | – |\n", name);
    } else {
      fmt::format_to(out, "| {} | {:.2f}{} | {} |\n", name, value, unit, value >= goal ? "yes" : "**no**");
    }
  };
  const Measurement& none = results[k_none];
  const Measurement& json = results[k_json];
  target_row("`--format none` ≥ 10 M messages/s", none.measured,
             none.measured ? messages / none.best.wall_s / 1e6 : 0, " M/s",
             k_target_none_messages_per_s / 1e6);
  target_row("`--format none` ≥ 40× gpsdecode", none.measured && have_gpsdecode,
             none.measured && have_gpsdecode ? results[k_gpsdecode].best.wall_s / none.best.wall_s : 0,
             "×", k_target_none_vs_gpsdecode);
  target_row("`--format json` ≥ 3 M messages/s", json.measured,
             json.measured ? messages / json.best.wall_s / 1e6 : 0, " M/s",
             k_target_json_messages_per_s / 1e6);

  fmt::format_to(out, "\n## Commands timed\n\n");
  for (std::size_t i = 0; i < commands.size(); ++i) {
    fmt::format_to(out, "- {}: `{}`", commands[i].label, shown_command(commands[i], options.cpu));
    if (!checks[i].empty()) fmt::format_to(out, "  \n  check: {}", checks[i]);
    if (results[i].measured) {
      std::string walls;
      for (const double w : results[i].walls) walls += fmt::format("{}{:.3f}", walls.empty() ? "" : ", ", w);
      fmt::format_to(out, "  \n  all runs (wall s): {}", walls);
    }
    fmt::format_to(out, "\n");
  }
  fmt::format_to(out,
                 "\nNotes: gpsdecode with no options decodes (`-d`) and writes one JSON object per "
                 "message with scaled values, like `darkfleet decode --format json`; it has no "
                 "count-only mode. It joins type 24 parts A and B into one object (unless `-s`), "
                 "so it writes fewer lines than there are messages (with `-s` it writes one per message, less the "
                 "few type 26/27 messages whose length it rejects). messages/s uses the same "
                 "input message count for every command. The line-scan floor only counts lines.\n");
  fmt::format_to(out, "\nReproduce: `{}`\n", options.reproduce.empty() ? "scripts/bench" : options.reproduce);

  std::fwrite(md.data(), 1, md.size(), stdout);
  std::fflush(stdout);
  if (!options.report.empty()) {
    std::ofstream file(options.report, std::ios::binary | std::ios::trunc);
    file << md;
    if (!file) throw std::runtime_error(fmt::format("cannot write {}", options.report));
  }
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  try {
    return run(options);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "decode_bench_driver: %s\n", error.what());
    return 1;
  }
}
