package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"
)

// readHTML reads a page's main text, title, date and address.
//
// The page is decoded ([decodeHTML]), its title and date are taken while
// the page is whole, then the noise is removed (scripts, styles, forms,
// navigation, headers, footers, asides, hidden elements, and elements whose
// class or id names them as menus, share buttons and the like). The main
// block is a known content container ([contentSelectors]) when one holds
// at least half of the page's text, else the element reached by descending
// from <body> into the child holding most of the text, as long as that
// child holds at least 60% of its parent's text and is not a paragraph
// (<p>, <h1>…<h6>, <li>, <dt>, <dd>, <pre>), whose siblings belong to the
// article too ("text" counting Chinese characters and, at a third of their
// weight, letters and digits, outside links). Inside the main block, lists,
// tables and divisions that are mostly links are dropped.
//
// The main block's text keeps the page's structure: each paragraph, heading,
// list item, table row or division with text is a paragraph, separated by a
// blank line; <br> is a line break; table cells are separated by a space.
// White space inside a paragraph collapses to one space, or to none next to
// a Chinese character, as a browser shows Chinese. This text is the
// document's Raw text. Its blank lines are paragraph breaks wherever they
// are; layout repair may join only lines that a <br> broke.
func readHTML(data []byte) (*Document, error) {
	text, err := decodeHTML(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimFunc(text, isBlank) == "" {
		return nil, ErrEmpty
	}
	page, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHTML, err)
	}
	title, h1 := pageTitle(page)
	published := pageDate(page, h1)
	origin := strings.TrimSpace(page.Find(`link[rel="canonical"]`).AttrOr("href", ""))
	if origin == "" {
		origin = strings.TrimSpace(metaContent(page, "og:url"))
	}
	removeNoise(page)
	body := page.Find("body")
	if body.Length() == 0 {
		return nil, ErrHTML
	}
	stats := map[*html.Node]textStat{}
	measure(body.Get(0), false, stats)
	main := mainBlock(page, body.Get(0), stats)
	dropLinkLists(main, stats)
	raw := blockText(main)
	if strings.IndexFunc(raw, unicode.IsLetter) < 0 {
		return nil, ErrHTML
	}
	if err := checkText(raw); err != nil {
		return nil, err
	}
	d := newDocument(raw, repairParagraphs(raw)) // a blank line is the end of an element
	d.Title, d.Published, d.Origin = title, published, origin
	return d, nil
}

// charsetRE finds a charset in <meta charset="…"> or in the content of
// <meta http-equiv="Content-Type" content="text/html; charset=…">.
var charsetRE = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decodeHTML decodes a page: valid UTF-8 as it is, else by its byte order
// mark, else by the charset its <meta> declares in the first 4 KiB, else by
// [Decode]'s detection, which prefers GB18030: most Chinese government
// pages without a declaration are GBK or GB2312. GBK and GB2312 are decoded
// as GB18030, their superset, as browsers do.
func decodeHTML(data []byte) (string, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		s, _, err := Decode(data)
		return s, err
	}
	if s, _, ok, err := decodeUTF8(bytes.TrimPrefix(data, []byte("\uFEFF"))); ok {
		if err == nil && strings.IndexByte(s, 0) >= 0 {
			err = fmt.Errorf("%w: NUL bytes", ErrBinary)
		}
		return s, err
	}
	if m := charsetRE.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
		if enc, err := htmlindex.Get(string(m[1])); err == nil {
			name, _ := htmlindex.Name(enc)
			if enc == simplifiedchinese.GBK {
				enc, name = simplifiedchinese.GB18030, EncGB18030
			}
			s, _, err := decodeWith(data, name, enc)
			return s, err
		}
	}
	s, _, err := Decode(data)
	return s, err
}

// metaContent returns the content of the first <meta> whose name, property
// or itemprop is key, compared without case.
func metaContent(page *goquery.Document, keys ...string) string {
	var out string
	page.Find("meta").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, attr := range []string{"property", "name", "itemprop"} {
			v, ok := s.Attr(attr)
			if !ok {
				continue
			}
			for _, k := range keys {
				if strings.EqualFold(strings.TrimSpace(v), k) {
					if c := strings.TrimSpace(s.AttrOr("content", "")); c != "" {
						out = c
						return false
					}
				}
			}
		}
		return true
	})
	return out
}

// pageTitle returns the title from og:title, the ArticleTitle meta of
// Chinese government sites, the first <h1> outside navigation, headers and
// footers (the site's name often sits in an <h1> there, but an <article>'s
// own <header> holds its title), then <title> with
// the site's name cut off: the longest part between "_", "|" or " - "
// separators. It also returns the <h1>, whose neighbourhood holds the date.
func pageTitle(page *goquery.Document) (string, *goquery.Selection) {
	var h1 *goquery.Selection
	page.Find("h1").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.ParentsFiltered("nav, footer, aside").Length() > 0 || collapse(s.Text()) == "" {
			return true
		}
		if s.ParentsFiltered("header").Length() > 0 && s.ParentsFiltered("article, main").Length() == 0 {
			return true // a site banner, not the article's own header
		}
		h1 = s
		return false
	})
	if t := collapse(metaContent(page, "og:title", "ArticleTitle")); t != "" {
		return t, h1
	}
	if h1 != nil {
		return collapse(h1.Text()), h1
	}
	best := ""
	for _, p := range titleSepRE.Split(page.Find("title").First().Text(), -1) {
		if p = collapse(p); utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return best, nil
}

var titleSepRE = regexp.MustCompile(`\s*(?:_|\||｜| - | — |--)\s*`)

// dateMetas are the meta names and properties that give a page's date, in
// order of trust.
var dateMetas = []string{
	"article:published_time", "og:release_date", "datePublished", "PubDate",
	"publishdate", "publish_date", "publishtime", "firstpublishedtime",
	"pubtime", "dcterms.issued", "dc.date.issued", "dcterms.created",
	"dc.date", "date", "article:modified_time",
}

// pageDate returns the page's date from its meta tags, a <time datetime>,
// or the first date written near the title: in the text of the <h1>'s
// parent after the title, going up at most three levels while that text is
// short.
func pageDate(page *goquery.Document, h1 *goquery.Selection) string {
	for _, k := range dateMetas {
		if d := normalizeDate(metaContent(page, k)); d != "" {
			return d
		}
	}
	if t := page.Find("time[datetime]").First(); t.Length() > 0 {
		if d := normalizeDate(t.AttrOr("datetime", "")); d != "" {
			return d
		}
	}
	if h1 == nil {
		return ""
	}
	title := collapse(h1.Text())
	for s, up := h1.Parent(), 0; s.Length() > 0 && up < 3; s, up = s.Parent(), up+1 {
		text := collapse(s.Text())
		if i := strings.Index(text, title); i >= 0 {
			text = text[i+len(title):]
		}
		if d := findDate(truncRunes(text, 300)); d != "" {
			return d
		}
		if utf8.RuneCountInString(text) > 300 {
			break
		}
	}
	return ""
}

var (
	dayRE   = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\D|$)`)
	monthRE = regexp.MustCompile(`^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$`)
	yearRE  = regexp.MustCompile(`^\s*(\d{4})\s*年?\s*$`)
	compact = regexp.MustCompile(`^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)`)
)

// findDate returns the first valid date written in s as YYYY-MM-DD, or "".
// Full-width digits are read as digits.
func findDate(s string) string {
	s = width.Fold.String(s)
	for _, m := range dayRE.FindAllStringSubmatch(s, 4) {
		if d := ymd(m[1], m[2], m[3]); d != "" {
			return d
		}
	}
	return ""
}

// normalizeDate reads a date field (2026-02-03, 2026-02-03T10:00:00+08:00,
// 2026/2/3 10:00, 2026年2月3日, 20260203, 2026-02, 2026) as YYYY-MM-DD,
// YYYY-MM or YYYY; it returns "" for anything else.
func normalizeDate(s string) string {
	s = width.Fold.String(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	if m := compact.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := dayRE.FindStringSubmatch(s); m != nil && dayRE.FindStringIndex(s)[0] == 0 {
		return ymd(m[1], m[2], m[3])
	}
	if m := monthRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%04d-%02d", y, mo)
		}
	}
	if m := yearRE.FindStringSubmatch(s); m != nil {
		if y, _ := strconv.Atoi(m[1]); y >= 1900 && y <= 2100 {
			return m[1]
		}
	}
	return ""
}

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func ymd(ys, ms, ds string) string {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysIn[m] {
		return ""
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func truncRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// collapse trims s and collapses its white space as [blockText] does.
func collapse(s string) string {
	var b textBuilder
	b.text(s)
	return strings.TrimFunc(b.cur.String(), isBlank)
}

// noiseTags are removed wherever they are.
const noiseTags = "script, style, noscript, template, iframe, object, embed, svg, canvas, " +
	"form, input, select, button, textarea, nav, header, footer, aside, menu, dialog, " +
	`[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], ` +
	`[role="search"], [hidden], [aria-hidden="true"]`

// noiseNames are the words of a class or id that name page furniture;
// class and id values are split at every non-alphanumeric character.
// fenxiang (分享, share) and ewm (二维码, QR code) are pinyin names common
// on Chinese sites.
var noiseNames = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "sidebar": true, "footer": true,
	"share": true, "sharing": true, "social": true, "bshare": true, "jiathis": true,
	"fenxiang": true, "comment": true, "comments": true, "related": true, "recommend": true,
	"advert": true, "ad": true, "ads": true, "copyright": true, "toolbar": true,
	"pagination": true, "pager": true, "print": true, "login": true, "search": true,
	"topbar": true, "qrcode": true, "ewm": true, "weixin": true, "wechat": true,
}

// contentSelectors are containers that content systems put an article's
// body in: TRS (most Chinese government sites), UCAP, common CMS and
// HTML5 markup.
var contentSelectors = []string{
	"#UCAP-CONTENT", ".TRS_Editor", ".TRS_UEDITOR", ".trs_editor_view", "#zoom", "#Zoom",
	".pages_content", ".article-content", ".article_content", ".articleContent",
	"#artibody", ".post-content", ".entry-content", `[itemprop="articleBody"]`,
	"article", "main", "#content", ".content",
}

func removeNoise(page *goquery.Document) {
	page.Find(noiseTags).Remove()
	page.Find(`[style]`).Each(func(_ int, s *goquery.Selection) {
		st := strings.ReplaceAll(strings.ToLower(s.AttrOr("style", "")), " ", "")
		if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
			s.Remove()
		}
	})
	page.Find("[class], [id]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.Parent == nil {
			return
		}
		if !noisyName(s.AttrOr("class", "")) && !noisyName(s.AttrOr("id", "")) {
			return
		}
		// A block with much text outside links is content, whatever its
		// name says ("left-side" columns hold articles too).
		st := map[*html.Node]textStat{}
		measure(n, false, st)
		if t := st[n]; t.text >= 200 && t.link*2 < t.text {
			return
		}
		s.Remove()
	})
}

func noisyName(v string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		if noiseNames[w] {
			return true
		}
	}
	return false
}

// textStat is the weight of the text under a node ([weight]), outside
// links and inside them.
type textStat struct{ text, link float64 }

// measure fills stats for n and its descendants and returns n's.
func measure(n *html.Node, inLink bool, stats map[*html.Node]textStat) textStat {
	var st textStat
	switch n.Type {
	case html.TextNode:
		w := weight(n.Data)
		if inLink {
			return textStat{link: w}
		}
		return textStat{text: w}
	case html.ElementNode, html.DocumentNode:
	default:
		return st
	}
	link := inLink || n.DataAtom == atom.A
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := measure(c, link, stats)
		st.text += cs.text
		st.link += cs.link
	}
	if n.Type == html.ElementNode {
		stats[n] = st
	}
	return st
}

// weight counts Chinese characters as one and letters and digits as a
// third: a Chinese character carries about a word.
func weight(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 && isHan(r):
			w++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w += 1.0 / 3
		}
	}
	return w
}

func mainBlock(page *goquery.Document, body *html.Node, stats map[*html.Node]textStat) *html.Node {
	total := stats[body].text
	if total == 0 {
		return body
	}
	for _, sel := range contentSelectors {
		var best *html.Node
		page.Find(sel).Each(func(_ int, s *goquery.Selection) {
			if n := s.Get(0); best == nil || stats[n].text > stats[best].text {
				best = n
			}
		})
		if best != nil && stats[best].text*2 >= total {
			return best
		}
	}
	n := body
	for {
		var top *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (top == nil || stats[c].text > stats[top].text) {
				top = c
			}
		}
		if top == nil || stats[top].text < 0.6*stats[n].text || inline[top.DataAtom] || paragraph[top.DataAtom] {
			return n
		}
		n = top
	}
}

// paragraph elements hold one paragraph: when one holds most of the text,
// its parent is the article, and the other paragraphs are part of it.
var paragraph = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.Pre: true,
}

// dropLinkLists removes the lists, tables and divisions inside the main
// block whose text is mostly links: related articles, tags, page numbers.
func dropLinkLists(main *html.Node, stats map[*html.Node]textStat) {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Div, atom.Section:
				if st := stats[c]; st.link > 0 && st.link >= st.text {
					drop = append(drop, c)
					continue
				}
			}
			walk(c)
		}
	}
	walk(main)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

// inline elements continue the paragraph they are in.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.Font: true, atom.I: true, atom.Kbd: true, atom.Label: true, atom.Mark: true,
	atom.Q: true, atom.Rp: true, atom.Rt: true, atom.Ruby: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true,
	atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true, atom.Wbr: true,
	atom.Img: true, atom.Big: true, atom.Strike: true, atom.Tt: true, atom.Nobr: true,
	atom.Ins: true, atom.Del: true,
}

// blockText renders the text of n; see [readHTML].
func blockText(n *html.Node) string {
	var b textBuilder
	b.node(n, false)
	b.para()
	return strings.Join(b.paras, "\n\n")
}

// textBuilder collects paragraphs of text.
type textBuilder struct {
	paras []string
	cur   strings.Builder
	space bool // white space seen and not yet written
}

func (b *textBuilder) node(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			b.flushSpace()
			b.cur.WriteString(n.Data)
			return
		}
		b.text(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return // comments, doctypes
	}
	switch n.DataAtom {
	case atom.Br:
		b.space = false
		b.cur.WriteByte('\n')
		return
	case atom.Td, atom.Th:
		if b.cur.Len() > 0 {
			b.space = false
			b.cur.WriteByte(' ')
		}
	case atom.Img, atom.Head, atom.Title, atom.Meta, atom.Link:
		return
	}
	block := n.Type == html.ElementNode && !inline[n.DataAtom] && n.DataAtom != atom.Td && n.DataAtom != atom.Th
	if block {
		b.para()
	}
	pre = pre || n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.node(c, pre)
	}
	if block {
		b.para()
	}
}

// text appends HTML text, collapsing white space.
func (b *textBuilder) text(s string) {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00A0':
			// &nbsp; is mostly padding on Chinese pages; it collapses too.
			b.space = true
			continue
		}
		if r == 0 || r == utf8.RuneError && !utf8.ValidString(string(r)) {
			continue
		}
		b.flushSpaceBefore(r)
		b.cur.WriteRune(r)
	}
}

func (b *textBuilder) flushSpace() {
	if b.space && b.cur.Len() > 0 {
		b.cur.WriteByte(' ')
	}
	b.space = false
}

// flushSpaceBefore writes a pending space unless it sits next to a wide
// (Chinese) character, where a browser would show none.
func (b *textBuilder) flushSpaceBefore(r rune) {
	if !b.space {
		return
	}
	b.space = false
	if b.cur.Len() == 0 {
		return
	}
	last, _ := utf8.DecodeLastRuneInString(b.cur.String())
	if wide(last) || wide(r) || last == '\n' || last == ' ' {
		return
	}
	b.cur.WriteByte(' ')
}

func wide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

// para ends the current paragraph: its lines are trimmed and blank ones
// dropped.
func (b *textBuilder) para() {
	b.space = false
	if b.cur.Len() == 0 {
		return
	}
	var lines []string
	for _, l := range strings.Split(b.cur.String(), "\n") {
		if l = strings.TrimFunc(l, isBlank); l != "" {
			lines = append(lines, l)
		}
	}
	b.cur.Reset()
	if len(lines) > 0 {
		b.paras = append(b.paras, strings.Join(lines, "\n"))
	}
}
