#include "darkfleet/io/line_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_files.hpp"

namespace darkfleet::io {
namespace {

using testing::TempFile;

struct Read {
  std::string text;
  std::uint64_t number;
  std::uint64_t length;
  bool too_long;
};

// Every test runs on a mapped file and on one read into buffers: two code paths.
class LineReaderTest : public ::testing::TestWithParam<Access> {
 protected:
  std::vector<Read> read_lines(const std::string& content, std::size_t max_line = 1 << 20) const;
};

std::vector<Read> LineReaderTest::read_lines(const std::string& content,
                                             std::size_t max_line) const {
  TempFile file(content);
  InputStream in(file.path(), GetParam());
  EXPECT_EQ(in.mapped().has_value(), GetParam() == Access::map && !content.empty());
  LineReader reader(in, max_line);
  std::vector<Read> out;
  Line line;
  while (reader.next(line)) {
    out.push_back({std::string(line.text), line.number, line.length, line.too_long});
  }
  return out;
}

TEST_P(LineReaderTest, SplitsOnNewlineAndStripsCarriageReturn) {
  const auto lines = read_lines("a\r\nbb\n\nccc");
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "bb");
  EXPECT_EQ(lines[2].text, "");
  EXPECT_EQ(lines[3].text, "ccc");  // no final newline
  EXPECT_EQ(lines[3].number, 4U);
}

TEST_P(LineReaderTest, EmptyInputHasNoLines) { EXPECT_TRUE(read_lines("").empty()); }

TEST_P(LineReaderTest, LinesSpanningBlockBoundariesAreWhole) {
  std::string content;
  std::vector<std::string> expected;
  for (int i = 0; content.size() < 3 * LineReader::k_block_bytes; ++i) {
    expected.push_back("line-" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x'));
    content += expected.back() + "\n";
  }
  const auto lines = read_lines(content);
  ASSERT_EQ(lines.size(), expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ASSERT_EQ(lines[i].text, expected[i]) << "line " << i + 1;
    ASSERT_EQ(lines[i].number, i + 1);
  }
}

TEST_P(LineReaderTest, OverlongLineIsCutAndReadingGoesOn) {
  const std::string big(3'000'000, 'Z');  // 3 MB, longer than one block read
  const auto lines = read_lines("first\n" + big + "\nlast\n", 1 << 20);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].text, "first");
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].text.size(), std::size_t{1} << 20);
  EXPECT_EQ(lines[1].length, big.size());
  EXPECT_EQ(lines[1].number, 2U);
  EXPECT_EQ(lines[2].text, "last");
  EXPECT_FALSE(lines[2].too_long);
}

TEST_P(LineReaderTest, OverlongLastLineWithoutNewline) {
  const auto lines = read_lines("a\n" + std::string(5000, 'q'), 1000);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].length, 5000U);
}

TEST_P(LineReaderTest, ManyOverlongLinesInARow) {
  std::string content;
  for (int i = 0; i < 20; ++i) content += std::string(700, 'a') + "\nok\n";
  const auto lines = read_lines(content, 500);
  ASSERT_EQ(lines.size(), 40U);
  for (std::size_t i = 0; i < lines.size(); i += 2) {
    EXPECT_TRUE(lines[i].too_long);
    EXPECT_EQ(lines[i].length, 700U);
    EXPECT_EQ(lines[i + 1].text, "ok");
  }
}

TEST(LineReader, ReadsThroughGzip) {
  std::string content;
  for (int i = 0; i < 100000; ++i) content += "L" + std::to_string(i) + "\n";
  TempFile file(testing::gzip(content), ".gz");
  InputStream in(file.path());
  LineReader reader(in);
  Line line;
  std::uint64_t count = 0;
  std::string last;
  while (reader.next(line)) {
    ++count;
    last = std::string(line.text);
  }
  EXPECT_EQ(count, 100000U);
  EXPECT_EQ(last, "L99999");
}

TEST_P(LineReaderTest, CountsEveryByteItHandsOut) {
  for (const std::string& content :
       {std::string("a\r\nbb\n\nccc"), std::string("x\n"), std::string(""),
        "first\n" + std::string(3'000'000, 'Z') + "\nlast\r\n", std::string(5000, 'q')}) {
    TempFile file(content);
    InputStream in(file.path(), GetParam());
    LineReader reader(in, 1000);
    Line line;
    std::uint64_t before = 0;
    while (reader.next(line)) {
      EXPECT_GT(reader.bytes_consumed(), before);  // every line consumes something
      before = reader.bytes_consumed();
    }
    EXPECT_EQ(reader.bytes_consumed(), content.size());
  }
}

TEST(LineReader, MappedFileReportsProgressWhileReading) {
  std::string content;
  for (int i = 0; content.size() < 3 * LineReader::k_block_bytes; ++i) {
    content += "line " + std::to_string(i) + "\n";
  }
  TempFile file(content);
  InputStream in(file.path());
  ASSERT_TRUE(in.mapped().has_value());
  LineReader reader(in);
  Line line;
  std::uint64_t last_progress = 0;
  bool moved = false;
  while (reader.next(line)) {
    EXPECT_GE(in.file_bytes_read(), last_progress);
    EXPECT_LE(in.file_bytes_read(), reader.bytes_consumed());
    moved |= in.file_bytes_read() > 0 && in.file_bytes_read() < content.size();
    last_progress = in.file_bytes_read();
  }
  EXPECT_TRUE(moved);  // progress moves while reading, not only at the end
  EXPECT_EQ(in.file_bytes_read(), content.size());
}

INSTANTIATE_TEST_SUITE_P(BothAccessModes, LineReaderTest,
                         ::testing::Values(Access::map, Access::read),
                         [](const ::testing::TestParamInfo<Access>& param) {
                           return param.param == Access::map ? "mapped" : "read";
                         });

}  // namespace
}  // namespace darkfleet::io
