package corpus

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the .golden files of testdata/layout from Repair's output")

const layoutDir = "testdata/layout"

// The sample report and its hand-made gold paragraphs (see gold/README.md
// of the shared annotations); the gold file is never rewritten.
const (
	samplePage = "beibei-report.txt"
	sampleGold = "beibei-paragraphs.txt"
)

func readPage(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(layoutDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dump renders paragraphs one a line, headings marked "# " and captions
// "@ ", the format of the gold and .golden files.
func dump(r Repaired) string {
	var b strings.Builder
	for _, p := range r.Paragraphs {
		switch p.Kind {
		case Heading:
			b.WriteString("# ")
		case Caption:
			b.WriteString("@ ")
		}
		b.WriteString(r.Text[p.Start:p.End])
		b.WriteByte('\n')
	}
	return b.String()
}

// lines splits a dump into its lines.
func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// comparePars reports each paragraph that differs, with its kind marker.
func comparePars(t *testing.T, got, want string) {
	t.Helper()
	g, w := lines(got), lines(want)
	for i := 0; i < max(len(g), len(w)); i++ {
		var gi, wi string
		if i < len(g) {
			gi = g[i]
		}
		if i < len(w) {
			wi = w[i]
		}
		if gi != wi {
			t.Errorf("paragraph %d:\ngot  %q\nwant %q", i+1, gi, wi)
		}
	}
	if len(g) != len(w) {
		t.Errorf("got %d paragraphs; want %d", len(g), len(w))
	}
}

func TestRepairSample(t *testing.T) {
	raw := readPage(t, samplePage)
	r := Repair(raw)
	comparePars(t, dump(r), readPage(t, sampleGold))
	if got, want := squeeze(r.Text), squeeze(foldRef(raw)); got != want {
		t.Errorf("text without whitespace differs from raw:\ngot  %q\nwant %q", got, want)
	}
}

// TestRepairSampleVariants checks that line endings, a BOM, stray spaces
// and full-width digits change nothing in the sample's paragraphs.
func TestRepairSampleVariants(t *testing.T) {
	raw, want := readPage(t, samplePage), readPage(t, sampleGold)
	fullWidth := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '%' {
			return r + 0xFEE0
		}
		return r
	}, raw)
	trailing := strings.ReplaceAll(raw, "\n", " \t\n")
	tests := []struct {
		name, raw string
	}{
		{"crlf", strings.ReplaceAll(raw, "\n", "\r\n")},
		{"cr", strings.ReplaceAll(raw, "\n", "\r")},
		{"bom", "\uFEFF" + raw},
		{"trailing-spaces", trailing},
		{"full-width-digits", fullWidth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Repair(tt.raw)
			comparePars(t, dump(r), want)
			checkOffsets(t, tt.raw, r)
		})
	}
}

// TestRepairPages runs Repair on the pages of testdata/layout that it was
// not developed on; go test -update rewrites their .golden files.
func TestRepairPages(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(layoutDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range pages {
		name := filepath.Base(path)
		if name == samplePage || name == sampleGold {
			continue
		}
		n++
		t.Run(strings.TrimSuffix(name, ".txt"), func(t *testing.T) {
			raw := readPage(t, name)
			r := Repair(raw)
			got := dump(r)
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			comparePars(t, got, string(want))
			checkOffsets(t, raw, r)
		})
	}
	if n < 4 {
		t.Errorf("got %d test pages; want at least 4", n)
	}
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string // paragraphs, "# " for headings and "@ " for captions
	}{
		{"empty", "", nil},
		{"blank lines only", " \n\t\r\n\u3000\n", nil},
		{"bom only", "\uFEFF", nil},
		{"one line", "北碚区与绵阳市携手合作。", []string{"北碚区与绵阳市携手合作。"}},
		{"bom and crlf", "\uFEFF第一段。\r\n第二段。\r\n", []string{"第一段。", "第二段。"}},
		{"cr", "第一段。\r第二段。\r", []string{"第一段。", "第二段。"}},
		{"line and paragraph separators", "第一段。\u2028第二段。\u2029第三段。\f第四段。",
			[]string{"第一段。", "第二段。", "第三段。", "第四段。"}},
		{"tabs and ideographic spaces",
			"\t第一段有一句话。\t\n\u3000\u3000第二段也有一句话。\u3000\n",
			[]string{"第一段有一句话。", "第二段也有一句话。"}},
		{"column break inside a word",
			"北碚有高等院校4所，中等职业学\n\n校6所，有国家大学科技园1个。",
			[]string{"北碚有高等院校4所，中等职业学校6所，有国家大学科技园1个。"}},
		{"blank line after a sentence",
			"北碚区与四川省绵阳市，都是教育\n科技资源雄厚的地区，已经携手合\n作，打造地方交流的合作典范。\n\n绵阳是中国唯一科技城，四川省第\n二大城市，也是西部的重要城市。",
			[]string{"北碚区与四川省绵阳市，都是教育科技资源雄厚的地区，已经携手合作，打造地方交流的合作典范。",
				"绵阳是中国唯一科技城，四川省第二大城市，也是西部的重要城市。"}},
		{"spaces between numbers and Chinese",
			"全区工业企业实现的利润总额达到 36.83\n亿元，新增市场主体 13634 户，增长 16%。",
			[]string{"全区工业企业实现的利润总额达到36.83亿元，新增市场主体13634户，增长16%。"}},
		{"spaces between Latin words stay",
			"项目采用 Open Source 方案，投资 5 亿元。",
			[]string{"项目采用 Open Source 方案，投资5亿元。"}},
		{"full-width folding",
			"ＧＤＰ增长６．５％，达到１２３４．５亿元，排名第１。",
			[]string{"GDP增长6.5%，达到1234.5亿元，排名第1。"}},
		{"decimal point across a line break",
			"两大产业产值分别增长１５．３％和１１．\n７％，高新技术企业达到２１８家。",
			[]string{"两大产业产值分别增长15.3%和11.7%，高新技术企业达到218家。"}},
		{"full-width point between words stays", "Ａ．Ｂ两类企业。", []string{"A．B两类企业。"}},
		{"ascii commas stay", "文旅资源,打造朝阳文创大道,发展图书出版。", []string{"文旅资源,打造朝阳文创大道,发展图书出版。"}},
		{"caption keeps its inner space",
			"已开始在一些项目上进行实质性的合作。\n\n重庆材料研究院 摄/吴祥鸿\n\n高科技企业大量成长。",
			[]string{"已开始在一些项目上进行实质性的合作。", "@ 重庆材料研究院 摄/吴祥鸿", "高科技企业大量成长。"}},
		{"plain text with blank lines",
			"北碚区召开民营经济发展大会\n\n会议总结了去年的工作，部署了今年的任务。\n\n一、主要成绩\n\n全区新增民营企业4911户，增长33.3%。\n",
			[]string{"# 北碚区召开民营经济发展大会", "会议总结了去年的工作，部署了今年的任务。", "# 一、主要成绩", "全区新增民营企业4911户，增长33.3%。"}},
		{"invalid utf-8 is kept", "abc\xff\xfe。\n", []string{"abc\xff\xfe。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Repair(tt.raw)
			var got []string
			if r.Text != "" {
				got = lines(dump(r))
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("Repair(%q):\ngot  %q\nwant %q", tt.raw, got, tt.want)
			}
			checkOffsets(t, tt.raw, r)
		})
	}
}

// TestRepairOffsets checks that spans of the repaired sample map back to
// the raw text, line breaks and all.
func TestRepairOffsets(t *testing.T) {
	raw := readPage(t, samplePage)
	r := Repair(raw)
	checkOffsets(t, raw, r)
	tests := []struct {
		span    string // in Text
		rawSpan string // what it maps to in raw
	}{
		{"中等职业学校6所", "中等职业学\n\n校6所"},
		{"达到36.83亿元", "达到 36.83\n亿元"},
		{"主体13634户", "主体 13634\n户"},
		{"北碚区与四川省", "北碚区与四川省"},
		{"重庆材料研究院 摄/吴祥鸿", "重庆材料研究院 摄/吴祥鸿"},
	}
	for _, tt := range tests {
		s := strings.Index(r.Text, tt.span)
		if s < 0 {
			t.Errorf("%q not in Text", tt.span)
			continue
		}
		e := s + len(tt.span)
		if got := raw[r.Offsets.Raw(s):r.Offsets.RawEnd(e)]; got != tt.rawSpan {
			t.Errorf("raw span of %q: got %q; want %q", tt.span, got, tt.rawSpan)
		}
	}
}

// checkOffsets checks the Repaired invariants: paragraphs tile Text with
// one "\n" between them, every byte of Text maps back into raw in order,
// and every character maps to itself or the full-width form it was folded
// from, each "\n" to a line break.
func checkOffsets(t testing.TB, raw string, r Repaired) {
	t.Helper()
	text, m := r.Text, &r.Offsets
	if strings.ContainsRune(text, '\r') {
		t.Errorf("Text has a \\r")
	}
	end := -1
	for i, p := range r.Paragraphs {
		if p.Start != end+1 || p.End <= p.Start || p.End > len(text) {
			t.Fatalf("paragraph %d [%d,%d) after %d in Text of %d bytes", i, p.Start, p.End, end, len(text))
		}
		if strings.Contains(text[p.Start:p.End], "\n") {
			t.Errorf("paragraph %d has a line break", i)
		}
		if p.Start > 0 && text[p.Start-1] != '\n' {
			t.Errorf("paragraph %d follows %q, not \\n", i, text[p.Start-1])
		}
		end = p.End
	}
	if end != len(text) && !(end == -1 && text == "") {
		t.Errorf("paragraphs end at %d; Text at %d", end, len(text))
	}
	last, lastEnd := 0, 0
	for off := 0; off <= len(text); off++ {
		s, e := m.Raw(off), m.RawEnd(off)
		if s < last || e < lastEnd || s < 0 || e > len(raw) || s > len(raw) {
			t.Fatalf("offset %d maps to %d,%d after %d,%d (raw has %d bytes)", off, s, e, last, lastEnd, len(raw))
		}
		last, lastEnd = s, e
	}
	if !utf8.ValidString(raw) {
		return
	}
	for off, c := range text {
		s := m.Raw(off)
		got, _ := utf8.DecodeRuneInString(raw[s:])
		switch {
		case c == '\n':
			if !isBreakRef(got) {
				t.Errorf("separator at %d maps to %q, not a line break", off, got)
			}
		case got != c && foldRuneRef(got) != c:
			t.Errorf("%q at %d maps to %q at raw %d", c, off, got, s)
		}
	}
	if got, want := squeeze(text), squeeze(foldRef(raw)); got != want {
		t.Errorf("Text without whitespace differs from raw")
	}
}

// The reference normalization the tests compare with, written apart from
// the code under test.

func foldRuneRef(r rune) rune {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '％':
		return r - 0xFEE0
	case r == '．':
		return '.' // folded between digits only; squeeze compares both as '.'
	}
	return r
}

func foldRef(s string) string {
	return strings.Map(foldRuneRef, strings.TrimPrefix(s, "\uFEFF"))
}

func isBreakRef(r rune) bool {
	return strings.ContainsRune("\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029", r)
}

// squeeze drops whitespace and line breaks and spells every point '.'.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isBreakRef(r) {
			return -1
		}
		if r == '．' {
			return '.'
		}
		return r
	}, s)
}

func FuzzRepair(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join(layoutDir, "*.txt"))
	for _, path := range pages {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{"", "\uFEFF", "\r\n\r\n", "标题\n正文。", "达到 ３６．\n８３ 亿元", "记者 张维 摄\n\n", "\t\u3000a\xe4\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if got, want := Repair(raw), repairRare(raw); got.Text != want.Text || !slices.Equal(got.Paragraphs, want.Paragraphs) {
			t.Errorf("Repair(%q) = %+v; want %+v", raw, got, want)
		}
		for _, r := range []Repaired{Repair(raw), repairParagraphs(raw), repairText(raw)} {
			for _, p := range r.Paragraphs {
				if p.Kind > Caption {
					t.Errorf("paragraph kind %d", p.Kind)
				}
			}
			checkOffsets(t, raw, r)
		}
	})
}

// repairRare is Repair with raw split at rare line breaks from the start
// if it has one, as scan did before it left them to analyze to find.
func repairRare(raw string) Repaired {
	p := &layout{raw: raw}
	p.scanLines(hasRareBreak(raw))
	if len(p.lines) == 0 {
		return Repaired{}
	}
	p.measure()
	p.mark()
	return p.emit()
}

// TestScanRareBreaks checks Repair against repairRare on texts with rare
// line breaks everywhere: inside and between ideograph runs, among
// spaces, next to "\r\n", alone on a line and at either end.
func TestScanRareBreaks(t *testing.T) {
	pieces := []string{"中文", "统计局", "，", "。", "12", "a", " ", "\u3000", "\t", "\n", "\r\n", "\r", "\n\n",
		"\v", "\f", "\x1c", "\x1d", "\x1e", "\u0085", "\u2028", "\u2029", "\x01", "\xff"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		raw := randomText(r, pieces, 40)
		got, want := Repair(raw), repairRare(raw)
		if got.Text != want.Text || !slices.Equal(got.Paragraphs, want.Paragraphs) || !slices.Equal(got.Offsets.runs, want.Offsets.runs) {
			t.Fatalf("Repair(%q) = %+v; want %+v", raw, got, want)
		}
	}
}

// cleanRef is what repairClean reports: valid UTF-8 without a control
// character, U+FFFD or a rare line break.
func cleanRef(s string) bool {
	return plainRef(s) && !strings.ContainsRune(s, utf8.RuneError) && !hasRareBreak(s)
}

// checkRepairClean checks repairClean against cleanRef, and that a clean
// text repairs as Repair repairs it and is one that Decode returns
// unchanged, as readText assumes.
func checkRepairClean(t *testing.T, raw string) {
	t.Helper()
	got, clean := repairClean(raw)
	if want := cleanRef(raw); clean != want {
		t.Fatalf("repairClean(%q) says clean %v; want %v", raw, clean, want)
	}
	if !clean {
		return
	}
	want := Repair(raw)
	if got.Text != want.Text || !slices.Equal(got.Paragraphs, want.Paragraphs) || !slices.Equal(got.Offsets.runs, want.Offsets.runs) {
		t.Errorf("repairClean(%q) = %+v; want %+v", raw, got, want)
	}
	if strings.HasPrefix(raw, "\uFEFF") {
		return // readText drops one BOM before, as Decode does
	}
	if text, enc, err := Decode([]byte(raw)); text != raw || enc != EncUTF8 || err != nil {
		t.Errorf("Decode(%q) = %q, %s, %v; want it unchanged as UTF-8", raw, text, enc, err)
	}
}

func TestRepairClean(t *testing.T) {
	sample := readPage(t, samplePage)
	tests := []struct{ name, raw string }{
		{"empty", ""},
		{"blank", " \n\u3000\r\n\t"},
		{"sample", sample},
		{"white space and EOF mark", "a\tb\nc d\r\ne\x1a中文"},
		{"BOM", "\uFEFF北碚区\n"},
		{"two-byte, four-byte, E0 and ED leads", "马克·吐温 增长😀了 ठ 한국"},
		{"U+FFFD", "中文\uFFFD中文"},
		{"NUL", "中文\x00中文"},
		{"control", "中文中\x01"},
		{"control in leading space", " \x01中文"},
		{"DEL", "abc\x7f"},
		{"C1 control", "中\u0080文"},
		{"NEL", "中\u0085文"},
		{"vertical tab", "中文\v中文"},
		{"form feed", "中文\f中文"},
		{"file separator", "中文\x1c中文"},
		{"line separator", "中文\u2028中文"},
		{"surrogate half", "a\xed\xa0\x80b"},
		{"overlong", "\xc0\xaf中文"},
		{"stray continuation", "中文\x80中文"},
		{"missing continuation", "中\xe4\xb8a"},
		{"cut at the end", "中文中\xe4\xb8"},
		{"cut before a line break", "中文中\xe4\xb8\n中文"},
		{"invalid byte after space", "中文 \xff"},
		{"invalid in the last line", sample + "\n中\xff"},
		{"GBK", "\xb1\xb1\xf1\xd0\xc7\xf8\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRepairClean(t, tt.raw)
		})
	}
}

func FuzzRepairClean(f *testing.F) {
	for _, s := range []string{"", "\uFEFF", "标题\n正文。", "达到 ３６．\n８３ 亿元", "中文\x01", "中\u0085文", "中\xe4\xb8", "中文\uFFFD", "a\vb"} {
		f.Add(s)
	}
	f.Fuzz(checkRepairClean)
}

func BenchmarkRepair(b *testing.B) {
	raw := readPage(b, samplePage)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		Repair(raw)
	}
}

func ExampleRepair() {
	page := "北碚有高等院校4所，中等职业学\n" +
		"\n" +
		"校6所。利润总额达到 36.83\n" +
		"亿元，增长１６％。\n" +
		"\n" +
		"重庆材料研究院 摄/吴祥鸿\n"
	r := Repair(page)
	for _, p := range r.Paragraphs {
		fmt.Printf("%s: %s\n", p.Kind, r.Text[p.Start:p.End])
	}
	// Output:
	// body: 北碚有高等院校4所，中等职业学校6所。利润总额达到36.83亿元，增长16%。
	// caption: 重庆材料研究院 摄/吴祥鸿
}

// TestBlankLineParagraphs checks that the blank lines of HTML text, and of
// JSONL text laid out in blank-line separated paragraphs, end paragraphs
// wherever they are, while text files and OCR'd JSONL text are repaired as
// before: a blank line after a comma or colon is a column break there.
func TestBlankLineParagraphs(t *testing.T) {
	tests := []struct {
		name, format, input string
		want                []string // paragraphs, "# " for headings and "@ " for captions
	}{
		{"html paragraph ending in a colon", "html",
			`<body><div><p>主要工作如下：</p><p>一是全区实现利润36.83亿元，同比增长15%。</p><p>二是新增企业100家。</p></div></body>`,
			[]string{"主要工作如下：", "一是全区实现利润36.83亿元，同比增长15%。", "二是新增企业100家。"}},
		{"html paragraph ending in a comma", "html",
			`<body><div class="content"><p>全区实现利润36.83亿元，</p><p>同比增长１５％。</p></div></body>`,
			[]string{"全区实现利润36.83亿元，", "同比增长15%。"}},
		{"html one paragraph holding most of the text keeps its siblings", "html",
			`<body><p>全区实现利润36.83亿元，</p><p>同比增长15%。</p></body>`,
			[]string{"全区实现利润36.83亿元，", "同比增长15%。"}},
		{"html br inside a sentence is still joined", "html",
			`<body><div id="zoom"><p>具体如下：</p><p>第一行文字，<br>第二行文字。</p></div></body>`,
			[]string{"具体如下：", "第一行文字，第二行文字。"}},
		{"html heading and list items", "html",
			`<body><article><h2>一、主要指标</h2><p>主要指标如下：</p><ul><li>地区生产总值876.5亿元，</li><li>增长6.2%。</li></ul></article></body>`,
			[]string{"# 一、主要指标", "主要指标如下：", "地区生产总值876.5亿元，", "增长6.2%。"}},
		{"jsonl paragraphs ending in a colon and a comma", "jsonl",
			`{"text": "主要工作如下：\n\n一是全区实现利润36.83亿元，\n\n同比增长15%。\n\n二是新增企业100家。"}`,
			[]string{"主要工作如下：", "一是全区实现利润36.83亿元，", "同比增长15%。", "二是新增企业100家。"}},
		{"jsonl paragraphs with CRLF and a line broken inside one", "jsonl",
			`{"text": "主要工作如下：\r\n\r\n一是全区实现利润36.83亿元，\r\n同比增长15%。\r\n\r\n二是新增企业100家。"}`,
			[]string{"主要工作如下：", "一是全区实现利润36.83亿元，同比增长15%。", "二是新增企业100家。"}},
		{"jsonl OCR'd column keeps the column break inside a word", "jsonl",
			`{"text": "北碚有高等院校4所，中等职业学\n\n校6所，有国家大学科技园1个，\n已经携手合作，打造地方交流的\n合作典范，是西部的重要城市。"}`,
			[]string{"北碚有高等院校4所，中等职业学校6所，有国家大学科技园1个，已经携手合作，打造地方交流的合作典范，是西部的重要城市。"}},
		{"txt keeps the OCR reading of a blank line after a colon", "txt",
			"主要工作如下：\n\n一是全区实现利润36.83亿元，同比增长15%。\n\n二是新增企业100家。\n",
			[]string{"主要工作如下：一是全区实现利润36.83亿元，同比增长15%。", "二是新增企业100家。"}},
		{"txt column break inside a word", "txt",
			"北碚有高等院校4所，中等职业学\n\n校6所，有国家大学科技园1个。",
			[]string{"北碚有高等院校4所，中等职业学校6所，有国家大学科技园1个。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := readOne(t, "doc."+tt.format, tt.format, []byte(tt.input))
			r := Repaired{Text: d.Text, Paragraphs: d.Paragraphs, Offsets: d.offsets}
			got := lines(dump(r))
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			checkOffsets(t, d.Raw, r)
		})
	}
}

// TestRuneProps checks tableProps against propsOf for every rune, and
// that it answers for the runes of every table.
func TestRuneProps(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		got, ok := tableProps(r)
		if want := propsOf(r); ok && got != want {
			t.Fatalf("tableProps(%U) = %08b; want %08b", r, got, want)
		}
		switch r >> 7 {
		case 0, 0x2000 >> 7, 0x3000 >> 7, 0xFF00 >> 7:
			if !ok {
				t.Fatalf("tableProps(%U) gives no answer; want one from propTables", r)
			}
		}
	}
}

// TestDecode checks decode and decodeLast against the utf8 package on
// every rune, every three-byte pattern (well formed or not) and cut ones.
func TestDecode(t *testing.T) {
	check := func(s string) {
		t.Helper()
		gr, gn := decode(s, 0)
		if wr, wn := utf8.DecodeRuneInString(s); gr != wr || gn != wn {
			t.Fatalf("decode(%q, 0) = %U, %d; want %U, %d", s, gr, gn, wr, wn)
		}
		gr, gn = decodeLast(s)
		if wr, wn := utf8.DecodeLastRuneInString(s); gr != wr || gn != wn {
			t.Fatalf("decodeLast(%q) = %U, %d; want %U, %d", s, gr, gn, wr, wn)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		check(string(r))
	}
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := range 0x100 {
			for _, c2 := range []byte{0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				b := []byte{byte(c), byte(c1), c2}
				check(string(b))
				check(string(b[:2]))
			}
		}
	}
}

// TestHanRun checks hanRun against a loop over one character at a time,
// from every offset of texts with ideographs, other characters and
// broken ones at every alignment.
func TestHanRun(t *testing.T) {
	ref := func(s string, i int) int {
		for i+2 < len(s) && s[i] >= 0xE4 && s[i] <= 0xE9 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
		}
		return i
	}
	pieces := []string{"中", "文", "鿿", "䀀", "〇", "，", "a", "\xe4\xb8", "\xe4", "\x80", "㐀", "ꀀ"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := randomText(r, pieces, 30)
		for i := range len(s) {
			if got, want := hanRun(s, i), ref(s, i); got != want {
				t.Fatalf("hanRun(%q, %d) = %d; want %d", s, i, got, want)
			}
		}
	}
}

// randomText joins fewer than most pieces, each drawn at random.
func randomText(r *rand.Rand, pieces []string, most int) string {
	var b strings.Builder
	for range r.IntN(most) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}
