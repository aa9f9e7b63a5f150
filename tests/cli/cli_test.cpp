// End-to-end tests of the darkfleet binary: options, exit codes, messages, output files.
// Each case runs the real binary in a shell and checks what a user would see.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace {

using namespace darkfleet::cli_testing;

class Cli : public CliTest {
 protected:
  // A small deterministic traffic file made by `darkfleet generate`.
  void make_traffic(const std::string& name = "traffic.nmea") {
    const RunResult r = run("generate --vessels 20 --hours 0.25 --seed 3 -o " + name);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

std::size_t count_lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST_F(Cli, HelpListsTheCommands) {
  const RunResult r = run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("decode"), std::string::npos);
  EXPECT_NE(r.out.find("generate"), std::string::npos);
  for (const char* command : {"ingest", "tracks", "vessels"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
}

TEST_F(Cli, NoCommandIsAUsageError) {
  const RunResult r = run("");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

TEST_F(Cli, HelpCommandPrintsTheManualPage) {
  const RunResult r = run("help decode");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("# darkfleet-decode(1)"), std::string::npos);
  EXPECT_NE(r.out.find("--rejects"), std::string::npos);
  const RunResult bad = run("help nosuchcommand");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("no manual page"), std::string::npos);
}

TEST_F(Cli, DecodeWritesOneJsonObjectPerMessage) {
  make_traffic();
  const RunResult r = run("decode traffic.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["class"], "AIS");
    EXPECT_TRUE(j.contains("mmsi"));
    EXPECT_TRUE(j.contains("type"));
    ++n;
  }
  EXPECT_GT(n, 500U);
}

TEST_F(Cli, StatsReportTheAccountingIdentity) {
  make_traffic();
  write("bad.nmea", "garbage\n!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*00\n");
  const RunResult r = run("decode -f none --stats traffic.nmea bad.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("rejected by reason"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad_checksum"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not_ais_sentence"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" + 2 rejected"), std::string::npos) << r.err;
}

TEST_F(Cli, RejectsFileHoldsEveryBadLineVerbatim) {
  const std::string bad1 = "!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*00";
  const std::string bad2 = "this is not AIS";
  write("in.nmea", bad1 + "\n" + bad2 + "\n");
  const RunResult r = run("decode -f none --rejects rejects.tsv in.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string rejects = slurp(path("rejects.tsv"));
  EXPECT_EQ(rejects, "in.nmea:1\tbad_checksum\t" + bad1 + "\nin.nmea:2\tnot_ais_sentence\t" +
                         bad2 + "\n");
}

TEST_F(Cli, TypeFilterKeepsOnlyChosenTypes) {
  make_traffic();
  const RunResult r = run("decode -t 5,24 traffic.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    const int type = nlohmann::json::parse(line)["type"];
    EXPECT_TRUE(type == 5 || type == 24) << line;
    ++n;
  }
  EXPECT_GT(n, 10U);
}

TEST_F(Cli, BadTypeListIsAUsageError) {
  make_traffic();
  const RunResult r = run("decode -t 1,99 traffic.nmea");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("99"), std::string::npos) << r.err;
}

TEST_F(Cli, UnknownFormatIsAUsageError) {
  const RunResult r = run("decode -f xml -");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(Cli, MissingInputIsAnErrorNamingTheFile) {
  const RunResult r = run("decode no-such-file.nmea");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no-such-file.nmea"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("No such file"), std::string::npos) << r.err;
}

TEST_F(Cli, ExistingOutputNeedsOverwrite) {
  make_traffic();
  write("out.jsonl", "keep me\n");
  const RunResult refused = run("decode -o out.jsonl traffic.nmea");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("--overwrite"), std::string::npos) << refused.err;
  EXPECT_EQ(slurp(path("out.jsonl")), "keep me\n");
  const RunResult ok = run("decode -O -o out.jsonl traffic.nmea");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_GT(count_lines(slurp(path("out.jsonl"))), 500U);
}

TEST_F(Cli, ReadsStdinAndCompressedInputAlike) {
  make_traffic();
  ASSERT_EQ(std::system(("gzip -k -c '" + path("traffic.nmea").string() + "' > '" +
                         path("traffic.nmea.gz").string() + "'").c_str()),
            0);
  const RunResult plain = run("decode -f csv traffic.nmea");
  const RunResult gz = run("decode -f csv traffic.nmea.gz");
  const RunResult in = run("decode -f csv -", path("traffic.nmea").string());
  ASSERT_EQ(plain.exit_code, 0);
  EXPECT_EQ(gz.out, plain.out);
  EXPECT_EQ(in.out, plain.out);
  EXPECT_GT(count_lines(plain.out), 500U);
}

TEST_F(Cli, GenerateIsDeterministicForASeed) {
  ASSERT_EQ(run("generate --vessels 10 --hours 0.1 --seed 9 -o a.nmea").exit_code, 0);
  ASSERT_EQ(run("generate --vessels 10 --hours 0.1 --seed 9 -o b.nmea").exit_code, 0);
  ASSERT_EQ(run("generate --vessels 10 --hours 0.1 --seed 10 -o c.nmea").exit_code, 0);
  EXPECT_EQ(slurp(path("a.nmea")), slurp(path("b.nmea")));
  EXPECT_NE(slurp(path("a.nmea")), slurp(path("c.nmea")));
}

TEST_F(Cli, GenerateRejectsABadBox) {
  const RunResult r = run("generate --box 44,129,34,141");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("south < north"), std::string::npos) << r.err;
  const RunResult r2 = run("generate --box 1,2,3");
  EXPECT_EQ(r2.exit_code, 2);
}

// `darkfleet simulate`: the bundled case validates, bad scenarios name file and line,
// outputs land in the folder, existing outputs need -O, and the traffic decodes.
TEST_F(Cli, SimulateChecksTheBundledCase) {
  const RunResult r =
      run("simulate '" DARKFLEET_SOURCE_DIR "/cases/dprk-russia-2023-2025' --check");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("is valid"), std::string::npos) << r.err;
  const RunResult full =
      run("simulate '" DARKFLEET_SOURCE_DIR "/cases/dprk-russia-2023-2025' --full --check");
  EXPECT_EQ(full.exit_code, 0) << full.err;
  EXPECT_NE(full.err.find("scenario-full.toml"), std::string::npos) << full.err;
}

TEST_F(Cli, SimulateNamesTheLineOfABadScenario) {
  write("bad.toml", "[scenario]\nname = \"x\"\nstart = 2024-01-01T00:00:00Z\nend = yesterday\n");
  const RunResult r = run("simulate bad.toml -o out");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.toml:4:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("out/truth.json")));
  const RunResult full = run("simulate bad.toml --full --check");
  EXPECT_EQ(full.exit_code, 2) << full.err;
}

TEST_F(Cli, SimulateWritesTrafficAndTruth) {
  const std::string scenario = "'" DARKFLEET_SOURCE_DIR "/src/sim/testdata/small.toml'";
  const RunResult r = run("simulate " + scenario + " --seed 4 -o out");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("receptions"), std::string::npos) << r.err;
  const auto truth = nlohmann::json::parse(slurp(path("out/truth.json")));
  EXPECT_EQ(truth["seed"], 4);
  EXPECT_FALSE(truth["dark_periods"].empty());
  const RunResult again = run("simulate " + scenario + " --seed 4 -o out");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("overwrite"), std::string::npos) << again.err;
  const std::string first = slurp(path("out/traffic.nmea"));
  const RunResult replaced = run("simulate " + scenario + " --seed 4 --threads 2 -O -o out");
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(slurp(path("out/traffic.nmea")), first);
  const RunResult decoded = run("decode -f none --stats out/traffic.nmea");
  ASSERT_EQ(decoded.exit_code, 0) << decoded.err;
  EXPECT_NE(decoded.err.find(" + 0 rejected"), std::string::npos) << decoded.err;
  const RunResult csv = run("simulate " + scenario + " -f dma-csv -o csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(slurp(path("csv/traffic.csv")).rfind("# Timestamp,Type of mobile,MMSI,", 0), 0U);
}

TEST_F(Cli, SimulateHasAManualPage) {
  const RunResult r = run("help simulate");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("# darkfleet-simulate(1)"), std::string::npos);
}

TEST_F(Cli, GoldenDecodeOfGeneratedTraffic) {
  // The JSON of a tiny generated file, checked in as a golden file written by darkfleet
  // itself (regenerate with the command in golden/README.md after an intended change).
  ASSERT_EQ(run("generate --vessels 3 --hours 0.02 --seed 5 -o g.nmea").exit_code, 0);
  const RunResult r = run("decode g.nmea");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, slurp(fs::path(DARKFLEET_GOLDEN_DIR) / "generate_v3_h002_s5.jsonl"));
}

}  // namespace
