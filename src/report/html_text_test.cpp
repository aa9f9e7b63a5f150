#include "html_text.hpp"

#include <gtest/gtest.h>

namespace darkfleet::report {
namespace {

TEST(HtmlText, EscapesEverythingThatCouldOpenMarkup) {
  EXPECT_EQ(escape(R"(<script>alert("x")</script> & 'y')"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  EXPECT_EQ(escape("plain"), "plain");
}

TEST(HtmlText, GroupsDigitsInThousands) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(1017701), "1,017,701");
}

TEST(HtmlText, TimesToTheMinuteInUtc) {
  EXPECT_EQ(time_text(1705708800000), "2024-01-20 00:00 UTC");
  EXPECT_EQ(time_text(1705708859999), "2024-01-20 00:00 UTC");
}

}  // namespace
}  // namespace darkfleet::report
