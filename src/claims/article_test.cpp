#include "darkfleet/claims/article.hpp"

#include <gtest/gtest.h>

#include "darkfleet/claims/extract.hpp"

namespace darkfleet::claims {
namespace {

std::vector<Placement> placements(const Article& a) {
  std::vector<Placement> out;
  for (const auto& b : a.blocks) out.push_back(b.placement);
  return out;
}

TEST(ArticleText, HeadlineTeaserBody) {
  const std::string text =
      "Nordkorea lieferte 15.800 Container\n"
      "\n"
      "- Bis zu 5.000 Soldaten gefallen\n"
      "* Laut KIDA 20 Milliarden Dollar\n"
      "\n"
      "Erster Absatz,\nüber zwei Zeilen.\n"
      "\n"
      "Zweiter Absatz.\n";
  const auto a = parse_article(text);
  ASSERT_TRUE(a.has_value());
  EXPECT_FALSE(a->html);
  EXPECT_EQ(a->language, "de");
  EXPECT_EQ(a->title, "Nordkorea lieferte 15.800 Container");
  EXPECT_EQ(placements(*a),
            (std::vector<Placement>{Placement::headline, Placement::teaser, Placement::teaser,
                                    Placement::body, Placement::body}));
  EXPECT_EQ(a->blocks[1].text, "Bis zu 5.000 Soldaten gefallen");
  EXPECT_EQ(a->blocks[3].text, "Erster Absatz,\nüber zwei Zeilen.");
}

TEST(ArticleText, LongFirstParagraphIsBody) {
  const auto a = parse_article("A first line\nthat goes on.\n\nMore text here.\n");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(placements(*a), (std::vector<Placement>{Placement::body, Placement::body}));
  EXPECT_EQ(a->language, "en");
}

TEST(ArticleText, ClaimOffsetsPointIntoTheFile) {
  const std::string text =
      "\xEF\xBB\xBFTitle\r\n\r\n- up to 5,000 soldiers killed\r\n\r\nBody "
      "with more than 15,800 containers.\r\n";
  const auto a = parse_article(text);
  ASSERT_TRUE(a.has_value());
  const auto claims = extract_claims(*a);
  ASSERT_EQ(claims.size(), 2U);
  for (const auto& c : claims) {
    EXPECT_EQ(text.substr(c.begin_byte, c.end_byte - c.begin_byte), c.text);
  }
  EXPECT_EQ(claims[0].placement, Placement::teaser);
  EXPECT_EQ(claims[1].placement, Placement::body);
}

TEST(ArticleHtml, HeadlineTeaserBodyAndSkippedParts) {
  const std::string html = R"(<!DOCTYPE html><html><head><title>Site | Nordkorea</title>
<script>var x = "<p>15.800 Container</p>";</script><style>p{}</style></head>
<body><nav><ul><li>Menü mit 3 Schiffen</li></ul></nav>
<h1>Nordkorea lieferte mehr als 15.000 Container</h1>
<ul class="teaser"><li>Bis zu 5.000 Soldaten gefallen</li></ul>
<p class="lead">Ein Lead mit 64 Lieferungen.</p>
<p>Der Text mit <b>15.800</b> Containern.<p>Zweiter Absatz ohne Ende
<!-- 99 Schiffe im Kommentar -->
<footer><p>Impressum: 1 Schiff</p></footer></body></html>)";
  const auto a = parse_article(html);
  ASSERT_TRUE(a.has_value());
  EXPECT_TRUE(a->html);
  EXPECT_EQ(a->title, "Nordkorea lieferte mehr als 15.000 Container");
  EXPECT_EQ(placements(*a),
            (std::vector<Placement>{Placement::headline, Placement::teaser, Placement::teaser,
                                    Placement::body, Placement::body}));
  EXPECT_EQ(a->blocks[3].text, "Der Text mit 15.800 Containern.");
}

TEST(ArticleHtml, TitleIsTheHeadlineWithoutH1AndListsBeforeParagraphsAreTeaser) {
  const auto a = parse_article(
      "<html><title>More than 15,000 containers</title><ul><li>Up to 5,000 killed</li></ul>"
      "<p>Body.</p><ul><li>A later list item.</li></ul></html>");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(placements(*a), (std::vector<Placement>{Placement::headline, Placement::teaser,
                                                    Placement::body, Placement::body}));
}

TEST(ArticleHtml, EntitiesAreDecodedAndMappedBackToTheirBytes) {
  const std::string html =
      "<p>Laut KIDA &uuml;ber 20&nbsp;Mrd.&#160;US-Dollar und 4,2&ndash;5,8 Mio. Granaten.</p>";
  const auto a = parse_article(html);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->blocks[0].text,
            "Laut KIDA über 20\u00A0Mrd.\u00A0US-Dollar und 4,2\u20135,8 Mio. Granaten.");
  const auto claims = extract_claims(*a);
  ASSERT_EQ(claims.size(), 2U);
  EXPECT_EQ(claims[0].quantity.bound, Bound::at_least);
  EXPECT_DOUBLE_EQ(claims[0].quantity.low, 20e9);
  EXPECT_EQ(html.substr(claims[0].begin_byte, claims[0].end_byte - claims[0].begin_byte),
            "&uuml;ber 20&nbsp;Mrd.&#160;US-Dollar");
  EXPECT_EQ(claims[1].quantity.bound, Bound::between);
  EXPECT_EQ(html.substr(claims[1].begin_byte, claims[1].end_byte - claims[1].begin_byte),
            "4,2&ndash;5,8 Mio. Granaten");
}

TEST(ArticleHtml, BrokenMarkupStillYieldsText) {
  const auto a = parse_article("<p>Unclosed <b>bold and a < sign with 64 deliveries<p");
  ASSERT_TRUE(a.has_value());
  ASSERT_FALSE(a->blocks.empty());
  EXPECT_NE(a->blocks[0].text.find("64 deliveries"), std::string::npos);
}

}  // namespace
}  // namespace darkfleet::claims
