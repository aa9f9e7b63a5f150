#include "darkfleet/io/input.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_files.hpp"

namespace darkfleet::io {
namespace {

using testing::TempFile;

std::string read_all(InputStream& in, std::size_t chunk = 4096) {
  std::string out;
  std::string buf(chunk, '\0');
  while (true) {
    const std::size_t n = in.read(buf.data(), buf.size());
    if (n == 0) break;
    out.append(buf.data(), n);
  }
  return out;
}

std::string sample_text(std::size_t lines) {
  std::string text;
  for (std::size_t i = 0; i < lines; ++i) {
    text += "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26 line " + std::to_string(i) + "\n";
  }
  return text;
}

TEST(Input, ReadsPlainFilesWhole) {
  const std::string text = sample_text(50000);  // several raw blocks
  TempFile file(text);
  InputStream in(file.path());
  EXPECT_EQ(in.compression(), Compression::none);
  EXPECT_EQ(read_all(in, 1000), text);
  ASSERT_TRUE(in.file_size().has_value());
  EXPECT_EQ(*in.file_size(), text.size());
  EXPECT_EQ(in.file_bytes_read(), text.size());
}

TEST(Input, DetectsGzipByContentNotName) {
  const std::string text = sample_text(30000);
  TempFile file(testing::gzip(text), ".txt");
  InputStream in(file.path());
  EXPECT_EQ(in.compression(), Compression::gzip);
  EXPECT_EQ(read_all(in), text);
}

TEST(Input, ReadsConcatenatedGzipMembers) {
  const std::string a = sample_text(10);
  const std::string b = sample_text(20);
  TempFile file(testing::gzip(a) + testing::gzip(b), ".gz");
  InputStream in(file.path());
  EXPECT_EQ(read_all(in), a + b);
}

TEST(Input, DetectsZstd) {
  const std::string text = sample_text(30000);
  TempFile file(testing::zstd(text), ".zst");
  InputStream in(file.path());
  EXPECT_EQ(in.compression(), Compression::zstd);
  EXPECT_EQ(read_all(in), text);
}

TEST(Input, TruncatedGzipIsAnError) {
  const std::string packed = testing::gzip(sample_text(5000));
  TempFile file(packed.substr(0, packed.size() / 2), ".gz");
  InputStream in(file.path());
  EXPECT_THROW(read_all(in), std::runtime_error);
}

TEST(Input, CorruptZstdIsAnError) {
  std::string packed = testing::zstd(sample_text(5000));
  for (std::size_t i = 8; i < packed.size(); i += 7) packed[i] = static_cast<char>(packed[i] ^ 0x5a);
  TempFile file(packed, ".zst");
  InputStream in(file.path());
  EXPECT_THROW(read_all(in), std::runtime_error);
}

TEST(Input, EmptyFileReadsNothing) {
  TempFile file("");
  InputStream in(file.path());
  EXPECT_EQ(read_all(in), "");
}

TEST(Input, MissingFileNamesTheFileAndReason) {
  try {
    InputStream in("/nonexistent/darkfleet/input.nmea");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("/nonexistent/darkfleet/input.nmea"), std::string::npos);
    EXPECT_NE(what.find("No such file"), std::string::npos);
  }
}

TEST(Input, DirectoryIsRefused) {
  EXPECT_THROW(InputStream in("/tmp"), std::runtime_error);
}

}  // namespace
}  // namespace darkfleet::io
