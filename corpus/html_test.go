package corpus

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag rewrites golden files. It is registered in init, after
// every package-level flag.Bool of the package's other test files, so that
// the flag is shared rather than defined twice.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func readOne(t testing.TB, name, format string, data []byte) *Document {
	t.Helper()
	var got *Document
	for d, err := range ReadBytes(name, format, data) {
		if err != nil {
			t.Fatalf("ReadBytes(%s): %v", name, err)
		}
		if got != nil {
			t.Fatalf("ReadBytes(%s): more than one document", name)
		}
		got = d
	}
	if got == nil {
		t.Fatalf("ReadBytes(%s): no document", name)
	}
	return got
}

// TestHTMLPages reads one article published as a GBK government page (with
// <meta charset>, http-equiv, or no declaration) and as a UTF-8 HTML5 page
// without a declaration, each with its own navigation, footer, scripts and
// share buttons: all give the same main text, title and date.
func TestHTMLPages(t *testing.T) {
	const (
		wantTitle = "北碚区2025年国民经济和社会发展统计公报"
		wantDate  = "2026-02-03"
	)
	// The article's body is the plain-text fixture without its title line.
	body := string(readInput(t, "para.txt"))
	body = body[strings.Index(body, "\n\n")+2:]
	wantText := NewDocument(body).Text
	tests := []struct {
		name, file, origin string
	}{
		{"gbk with meta charset", "page.gbk.html", ""},
		{"gb2312 with http-equiv", "page-http-equiv.gb2312.html", ""},
		{"gbk without declaration", "page-nometa.gbk.html", ""},
		{"utf-8 with meta charset", "page.html", ""},
		{"utf-8 html5 without declaration", "page5.html", "https://news.example.invalid/2026/02/03/tjgb.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := readOne(t, tt.file, "html", readInput(t, tt.file))
			if d.Text != wantText {
				t.Errorf("got text\n%s\nwant\n%s", d.Text, wantText)
			}
			if d.Title != wantTitle {
				t.Errorf("got title %q; want %q", d.Title, wantTitle)
			}
			if d.Published != wantDate {
				t.Errorf("got published %q; want %q", d.Published, wantDate)
			}
			if d.Origin != tt.origin {
				t.Errorf("got origin %q; want %q", d.Origin, tt.origin)
			}
			if d.Format != "html" || d.Source != tt.file || d.ID != tt.file {
				t.Errorf("got format %q, source %q, id %q; want html, %s, %s", d.Format, d.Source, d.ID, tt.file, tt.file)
			}
			golden(t, filepath.Join("testdata", "inputs", "golden", tt.file+".golden"), dumpDoc(d))
		})
	}
}

// dumpDoc renders a document's fields and raw text for a golden file.
func dumpDoc(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\nformat: %s\ntitle: %s\npublished: %s\norigin: %s\nsha256: %s\nparagraphs: %d\n--- raw\n%s\n--- text\n%s\n",
		d.ID, d.Format, d.Title, d.Published, d.Origin, d.SHA256, len(d.Paragraphs), d.Raw, d.Text)
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("got\n%s\nwant (%s)\n%s", got, path, want)
	}
}

func TestHTMLSnippets(t *testing.T) {
	tests := []struct {
		name              string
		html              string
		text, title, date string
	}{
		{
			name:  "title from <title> without the site name",
			html:  `<html><head><title>关于印发实施方案的通知_政策文件_中国政府网</title></head><body><div><p>各省、自治区、直辖市人民政府。</p><p>现将方案印发给你们，请认真贯彻执行。</p></div></body></html>`,
			text:  "各省、自治区、直辖市人民政府。\n现将方案印发给你们，请认真贯彻执行。",
			title: "关于印发实施方案的通知",
		},
		{
			name:  "og:title before h1; article:published_time",
			html:  `<head><meta property="og:title" content="一季度经济运行情况"><meta property="article:published_time" content="2026-04-18T10:00:00+08:00"></head><body><h1>首页标题</h1><article><p>一季度全市经济运行总体平稳。</p></article></body>`,
			text:  "一季度全市经济运行总体平稳。",
			title: "一季度经济运行情况",
			date:  "2026-04-18",
		},
		{
			name:  "site h1 in the page header is not the title; date near the article h1",
			html:  `<body><header><h1>某市人民政府</h1></header><div class="article"><h1>全市粮食生产再获丰收</h1><div>2025年10月9日　来源：农业农村局</div><div class="con"><p>今年全市粮食播种面积稳中有增，粮食总产量达到120万吨，创历史新高。</p><p>比上年增长2.5%，其中稻谷、玉米和大豆均实现增产。</p></div></div></body>`,
			text:  "今年全市粮食播种面积稳中有增，粮食总产量达到120万吨，创历史新高。\n比上年增长2.5%，其中稻谷、玉米和大豆均实现增产。",
			title: "全市粮食生产再获丰收",
			date:  "2025-10-09",
		},
		{
			name: "br lines, joined by Repair inside a sentence, and a table",
			html: `<body><div id="zoom">第一行文字，<br>第二行文字。<table><tr><td>指标</td><td>数值</td></tr><tr><td>产值</td><td>12.5</td></tr></table></div></body>`,
			text: "第一行文字，第二行文字。\n指标 数值\n产值12.5",
		},
		{
			name: "white space collapses, none between Chinese characters",
			html: "<body><div class=\"content\"><p>全年\n  实现  GDP   growth 6.2%，\n增速&nbsp;加快。</p></div></body>",
			text: "全年实现GDP growth 6.2%，增速加快。",
		},
		{
			name: "link lists inside the article are dropped",
			html: `<body><article><p>正文第一段。</p><ul><li><a href="1">相关新闻一</a></li><li><a href="2">相关新闻二</a></li></ul><p>正文第二段。</p></article></body>`,
			text: "正文第一段。\n正文第二段。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := readOne(t, "snippet.html", "html", []byte(tt.html))
			if d.Text != tt.text {
				t.Errorf("got text %q; want %q", d.Text, tt.text)
			}
			if d.Title != tt.title {
				t.Errorf("got title %q; want %q", d.Title, tt.title)
			}
			if d.Published != tt.date {
				t.Errorf("got date %q; want %q", d.Published, tt.date)
			}
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	tests := []struct {
		name string
		html string
		want error
	}{
		{"only navigation", `<html><body><nav><a href="/">首页</a></nav><footer>版权所有</footer></body></html>`, ErrHTML},
		{"only a script", `<html><head><script>var a = "正文";</script></head><body></body></html>`, ErrHTML},
		{"empty", ``, ErrEmpty},
		{"NUL bytes", "<html>\x00\x00\x00<body>正文</body></html>", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got error
			for _, err := range ReadBytes("bad.html", "html", []byte(tt.html)) {
				got = err
			}
			if !errors.Is(got, tt.want) {
				t.Errorf("got error %v; want %v", got, tt.want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"iso date", "2026-02-03", "2026-02-03"},
		{"iso time with zone", "2026-02-03T10:00:00+08:00", "2026-02-03"},
		{"gov.cn firstpublishedtime", "2026-02-03-10:30:00", "2026-02-03"},
		{"slashes, one digit", "2026/2/3 10:00", "2026-02-03"},
		{"chinese", "2026年2月3日", "2026-02-03"},
		{"full-width digits", "２０２６年２月３日", "2026-02-03"},
		{"compact", "20260203", "2026-02-03"},
		{"month", "2026-02", "2026-02"},
		{"chinese month", "2026年2月", "2026-02"},
		{"year", "2026", "2026"},
		{"not a day", "2026-02-30", ""},
		{"leap day", "2024-02-29", "2024-02-29"},
		{"not a leap day", "2026-02-29", ""},
		{"text", "昨天", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalizeDate(tt.in); got != tt.want {
				t.Errorf("normalizeDate(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func BenchmarkHTML(b *testing.B) {
	data := readInput(b, "page.gbk.html")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range ReadBytes("page.gbk.html", "html", data) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
