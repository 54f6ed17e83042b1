package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// update rewrites golden files: go test ./extract -run Golden -update.
// Another test file of the package may define the flag first.
var update *bool

func init() {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if _, isBool := g.Get().(bool); isBool {
				update = new(bool)
				*update = g.Get().(bool)
				upd := f
				updateFlag = upd
				return
			}
		}
	}
	update = flag.Bool("update", false, "rewrite golden files")
}

var updateFlag *flag.Flag

func updating() bool {
	if updateFlag != nil {
		return updateFlag.Value.String() == "true"
	}
	return *update
}

// extractText runs the whole pipeline over text, one paragraph a line.
func extractText(tb testing.TB, text string) (*Doc, Records) {
	tb.Helper()
	d := segmentDoc(tb, strings.Split(text, "\n"))
	return d, newPipeline(tb).Extract(d)
}

func TestQuantities(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		text string
		want []Quantity // Span, Text, Value, ValueMax, Unit, Qualifier, Change, Basis, Period compared
	}{
		{"currency with scale", "实现利润36.83亿元。",
			[]Quantity{{Span: Span{12, 23}, Text: "36.83亿元", Value: 3683000000, Unit: "CNY", Qualifier: "exact"}}},
		{"full-width digits", "产值１２３．５亿元",
			[]Quantity{{Span: Span{6, 27}, Text: "１２３．５亿元", Value: 12350000000, Unit: "CNY", Qualifier: "exact"}}},
		{"thousands separator", "总额1,234.5万元",
			[]Quantity{{Span: Span{6, 19}, Text: "1,234.5万元", Value: 12345000, Unit: "CNY", Qualifier: "exact"}}},
		{"chinese numeral count", "新建学校三所",
			[]Quantity{{Span: Span{12, 18}, Text: "三所", Value: 3, Unit: "所", Qualifier: "exact", Change: "increase"}}},
		{"implicit count", "全区有5.6万职工",
			[]Quantity{{Span: Span{9, 15}, Text: "5.6万", Value: 56000, Unit: "个", Qualifier: "exact"}}},
		{"qualifier between number and unit", "惠及民营企业500余家。",
			[]Quantity{{Span: Span{18, 27}, Text: "500余家", Value: 500, Unit: "家", Qualifier: "at_least"}}},
		{"qualifier before", "现有近300家企业",
			[]Quantity{{Span: Span{6, 15}, Text: "近300家", Value: 300, Unit: "家", Qualifier: "nearly"}}},
		{"qualifier after unit", "成本节约了30%以上",
			[]Quantity{{Span: Span{15, 24}, Text: "30%以上", Value: 30, Unit: "percent", Qualifier: "at_least", Change: "decrease"}}},
		{"over", "比重超过55%",
			[]Quantity{{Span: Span{6, 15}, Text: "超过55%", Value: 55, Unit: "percent", Qualifier: "over"}}},
		{"range", "每户补助3至5万元",
			[]Quantity{{Span: Span{12, 23}, Text: "3至5万元", Value: 30000, ValueMax: f(50000), Unit: "CNY", Qualifier: "exact"}}},
		{"range with dash", "增长3-5%",
			[]Quantity{{Span: Span{6, 10}, Text: "3-5%", Value: 3, ValueMax: f(5), Unit: "percent", Qualifier: "exact", Change: "increase"}}},
		{"tenths", "三到五成",
			[]Quantity{{Span: Span{0, 12}, Text: "三到五成", Value: 30, ValueMax: f(50), Unit: "percent", Qualifier: "exact"}}},
		{"percent words", "增长百分之三十五",
			[]Quantity{{Span: Span{6, 24}, Text: "百分之三十五", Value: 35, Unit: "percent", Qualifier: "exact", Change: "increase"}}},
		{"percentage point with basis", "较上年提高了8个百分点",
			[]Quantity{{Span: Span{18, 31}, Text: "8个百分点", Value: 8, Unit: "percentage_point", Qualifier: "exact", Change: "increase", Basis: "vs_prev_year"}}},
		{"year basis", "比2018年下降0.28个百分点",
			[]Quantity{{Span: Span{16, 32}, Text: "0.28个百分点", Value: 0.28, Unit: "percentage_point", Qualifier: "exact", Change: "decrease", Basis: "vs:2018"}}},
		{"doubling", "翻一番",
			[]Quantity{{Span: Span{3, 9}, Text: "一番", Value: 2, Unit: "times", Qualifier: "exact", Change: "increase"}}},
		{"new is an increase", "新增高新技术企业25家，总数达122家。",
			[]Quantity{
				{Span: Span{24, 29}, Text: "25家", Value: 25, Unit: "家", Qualifier: "exact", Change: "increase"},
				{Span: Span{41, 47}, Text: "122家", Value: 122, Unit: "家", Qualifier: "exact"},
			}},
		{"level after change verb", "城镇化率提高到68.5%",
			[]Quantity{{Span: Span{21, 26}, Text: "68.5%", Value: 68.5, Unit: "percent", Qualifier: "exact"}}},
		{"period from earlier sentence", "2019年，北碚区新增企业25家。总数达122家。",
			[]Quantity{
				{Span: Span{31, 36}, Text: "25家", Value: 25, Unit: "家", Qualifier: "exact", Change: "increase", Period: "2019"},
				{Span: Span{48, 54}, Text: "122家", Value: 122, Unit: "家", Qualifier: "exact", Period: "2019"},
			}},
		{"year end", "到2019年底，占比55%",
			[]Quantity{{Span: Span{22, 25}, Text: "55%", Value: 55, Unit: "percent", Qualifier: "exact", Period: "2019-12"}}},
		{"mu", "预留了150亩用地",
			[]Quantity{{Span: Span{9, 15}, Text: "150亩", Value: 100000, Unit: "m2", Qualifier: "exact"}}},
		{"redundant currency word", "投资2亿元人民币",
			[]Quantity{{Span: Span{6, 13}, Text: "2亿元", Value: 2e8, Unit: "CNY", Qualifier: "exact"}}},
		{"negative", "增长-3.5%",
			[]Quantity{{Span: Span{6, 11}, Text: "-3.5%", Value: -3.5, Unit: "percent", Qualifier: "exact", Change: "increase"}}},
		{"ordinal", "名列全国第13位", nil},
		{"title", "编制《三年行动方案》", nil},
		{"name", "入选千人计划", nil},
		{"article", "这是一个大手笔", nil},
		{"year", "2019年", nil},
		{"idiom", "占据了半壁江山", nil},
		{"model number", "PM2.5浓度", nil},
		{"words not units", "元旦期间，户籍人口", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, r := extractText(t, tt.text)
			got := r.Quantities
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quantities %s; want %d %s", len(got), dump(got), len(tt.want), dump(tt.want))
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.Span != w.Span || g.Text != w.Text || !sameValue(g.Value, w.Value) || !samePtr(g.ValueMax, w.ValueMax) ||
					g.Unit != w.Unit || g.Qualifier != w.Qualifier || g.Change != w.Change || g.Basis != w.Basis || g.Period != w.Period {
					t.Errorf("got %s; want %s", dump(got[i:i+1]), dump(tt.want[i:i+1]))
				}
			}
		})
	}
}

func samePtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameValue(*a, *b)
}

func dump(qs []Quantity) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "\n\t%d:%d %q %v", q.Start, q.End, q.Text, q.Value)
		if q.ValueMax != nil {
			fmt.Fprintf(&b, "..%v", *q.ValueMax)
		}
		fmt.Fprintf(&b, " %s %s %s change=%s basis=%s period=%s", q.Unit, q.Dimension, q.Qualifier, q.Change, q.Basis, q.Period)
	}
	return b.String()
}

// TestQuantitiesGolden extracts the figures of each
// testdata/quantities/*.txt (short report and statistics-news passages,
// one paragraph a line) and compares them with the .golden file beside it:
// one figure a line, with its rune offsets, all fields and rule.
func TestQuantitiesGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/quantities/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasPrefix(filepath.Base(file), "beibei") {
			continue
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d, r := extractText(t, strings.TrimRight(string(src), "\n"))
			var b strings.Builder
			for _, q := range r.Quantities {
				start := utf8.RuneCountInString(d.Text[:q.Start])
				end := start + utf8.RuneCountInString(q.Text)
				vmax := ""
				if q.ValueMax != nil {
					vmax = ".." + strconv.FormatFloat(*q.ValueMax, 'g', -1, 64)
				}
				fmt.Fprintf(&b, "%d:%d\t%s\t%s%s %s %s\t%s\tchange=%s basis=%s period=%s\tindicator=%s subject=%s\t%s\n",
					start, end, q.Text, strconv.FormatFloat(q.Value, 'g', -1, 64), vmax, q.Unit, q.Dimension,
					q.Qualifier, q.Change, q.Basis, q.Period, q.Indicator, q.Subject, q.Rule)
			}
			golden := strings.TrimSuffix(file, ".txt") + ".golden"
			if updating() {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("%s differs; got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"全区工业企业实现的利润总额达到36.83亿元，较上年提高了8个百分点。",
		"每户补助3至5万元，三到五成，百分之三十五，约2.5万平方米，近300家，30%以上。",
		"１２３．５亿元，1,234,567元，2018,2019年，翻一番，千分之2.4。",
		"名列全国第13位，《三年行动方案》，千人计划，-3.5%，3-5%以上至5%",
	} {
		f.Add(s)
	}
	p := newPipeline(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		d := segmentDoc(t, strings.Split(s, "\n"))
		r := p.Extract(d)
		for _, q := range r.Quantities {
			if q.Start < 0 || q.Start > q.End || q.End > len(d.Text) || d.Text[q.Start:q.End] != q.Text {
				t.Fatalf("span %d:%d %q outside or not the text of %q", q.Start, q.End, q.Text, s)
			}
			if q.Value != q.Value || q.Value > 1e300 || q.Value < -1e300 {
				t.Fatalf("value %v of %q", q.Value, q.Text)
			}
		}
	})
}

// BenchmarkQuantities measures the quantity extractor alone over the
// sample report, segmented (and times and entities extracted) once
// outside the timed loop.
func BenchmarkQuantities(b *testing.B) {
	data, err := os.ReadFile("testdata/quantities/beibei-paragraphs.txt")
	if err != nil {
		b.Fatal(err)
	}
	d := paragraphDoc(b, data)
	p := newPipeline(b)
	var base Records
	var qx Extractor
	for _, e := range p.Extractors() {
		if e.Name() == "quantities" {
			qx = e
			continue
		}
		e.Extract(d, &base)
	}
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := Records{Times: base.Times, Entities: base.Entities}
		qx.Extract(d, &r)
	}
}

// clauseStartsRunes is clauseStarts as a rune-wise scan, the reference
// for the byte-wise one.
func clauseStartsRunes(text string, lower, pos int) (list, all int) {
	list = -1
	for i := pos; i > lower; {
		c, size := utf8.DecodeLastRuneInString(text[lower:i])
		switch c {
		case '，', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?', '\n':
			if list < 0 {
				list = i
			}
			return list, i
		case '、':
			if list < 0 {
				list = i
			}
		}
		i -= size
	}
	if list < 0 {
		list = lower
	}
	return list, lower
}

// TestClauseStarts compares the byte-wise scan with the rune-wise one on
// random texts of clause ends, other runes, runs of Chinese text long
// enough for its steps of six bytes, and broken UTF-8.
func TestClauseStarts(t *testing.T) {
	pieces := []string{"，", ",", "；", "：", "。", "、", "！", "？", "\n", "a", "增长", "１", "\xef\xbc", "\x8c", "\xe3\x80", "\x81", "\xbc\x8c", "€", "😀", "\xff", "经济发展", "规模以上工业", "（）"}
	randomTexts(pieces, 1, 20000, func(text string) {
		for lower := 0; lower <= len(text); lower++ {
			for pos := lower; pos <= len(text); pos++ {
				l, a := clauseStarts(text, lower, pos)
				wl, wa := clauseStartsRunes(text, lower, pos)
				if l != wl || a != wa {
					t.Fatalf("clauseStarts(%q, %d, %d) = %d, %d; want %d, %d", text, lower, pos, l, a, wl, wa)
				}
			}
		}
	})
}

// randomTexts calls f with n texts of one to sixteen pieces, drawn by a
// generator seeded with seed: the same texts on every run.
func randomTexts(pieces []string, seed uint64, n int, f func(text string)) {
	rng := seed
	for range n {
		var b strings.Builder
		for k := 0; k < int(rng>>60)+1; k++ {
			rng = rng*6364136223846793005 + 1442695040888963407
			b.WriteString(pieces[rng>>33%uint64(len(pieces))])
		}
		f(b.String())
		rng = rng*6364136223846793005 + 1442695040888963407
	}
}

// TestStartSetNext compares startSet.next with a scan that decodes every
// rune, on random texts of ASCII, three-byte runes and broken UTF-8.
func TestStartSetNext(t *testing.T) {
	var set startSet
	for _, r := range "3一万，%\x80\ufffd" {
		set.add(r, r)
	}
	set.add('😀', '😀')
	pieces := []string{"3", "a", "一", "二", "万", "，", "。", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "😀", "é", "\xff"}
	randomTexts(pieces, 7, 20000, func(text string) {
		for i := 0; i <= len(text); i++ {
			at, size, r := set.next(text, i)
			wat, wsize, wr := len(text), 0, rune(0)
			for j := i; j < len(text); {
				c, sz := utf8.DecodeRuneInString(text[j:])
				if set.has(c) {
					wat, wsize, wr = j, sz, c
					break
				}
				j += sz
			}
			if at != wat || size != wsize || r != wr {
				t.Fatalf("next(%q, %d) = %d, %d, %q; want %d, %d, %q", text, i, at, size, r, wat, wsize, wr)
			}
		}
	})
}

// TestWordTrieLookups checks the shortcuts of the trie's lookups against
// its plain walk, on random texts of words, their parts, other runes
// and broken UTF-8: mayBeginAt refuses only where no word begins, and
// word finds exactly the words longest finds whole.
func TestWordTrieLookups(t *testing.T) {
	words := []string{"增长", "增长到", "同比", "较上年", "年", "a", "ab", "%", "２", "€", "😀"}
	build := func(ws []string) *wordTrie {
		tr := newWordTrie()
		for i, w := range ws {
			tr.add(w, int32(i), false)
		}
		tr.freeze()
		return tr
	}
	tries := []*wordTrie{build(words), build(append([]string{"\uFFFD年"}, words...))}
	pieces := append([]string{"增", "长", "到", "上", "\xe5\xa2", "\xe5", "\xe0", "\x9e", "\xef\xbf\xbd", "\xff", "\xed\xa0\x80", "\xe0\x80\x80", "b", "，"}, words...)
	randomTexts(pieces, 2, 20000, func(text string) {
		for _, tr := range tries {
			for i := 0; i < len(text); i++ {
				for limit := i + 1; limit <= len(text); limit++ {
					e, vals, _ := tr.longestStep(text, i, limit)
					if !tr.mayBeginAt(text, i, limit) && e >= 0 {
						t.Fatalf("mayBeginAt(%q, %d, %d) = false; a word ends at %d", text, i, limit, e)
					}
					if ge, gv := tr.longest(text, i, limit); ge != e || !slices.Equal(gv, vals) {
						t.Fatalf("longest(%q, %d, %d) = %d, %v; want %d, %v", text, i, limit, ge, gv, e, vals)
					}
					want := []int32(nil)
					if e == limit {
						want = vals
					}
					if got := tr.word(text[i:limit]); !slices.Equal(got, want) {
						t.Fatalf("word(%q) = %v; want %v", text[i:limit], got, want)
					}
				}
			}
		}
	})
}

// TestSpanIndex checks find, which searches on from its last answer,
// against a linear search, for queries in and out of text order.
func TestSpanIndex(t *testing.T) {
	rng := uint64(7)
	next := func(n int) int {
		rng = rng*6364136223846793005 + 1442695040888963407
		return int(rng >> 33 % uint64(n))
	}
	for range 2000 {
		var spans []Span
		for at := next(4); len(spans) < next(40); {
			start := at + next(3)
			end := start + next(4)
			spans = append(spans, Span{start, end})
			at = end
		}
		x := spanIndexOf(spans, func(s *Span) Span { return *s }, nil)
		if !x.sorted {
			t.Fatalf("spans %v not sorted", spans)
		}
		for q := range 60 {
			off := next(len(spans)*6 + 8)
			if q%3 != 0 {
				off = x.from + next(6) // mostly forwards
			}
			want := -1
			for i, sp := range spans {
				if sp.Start <= off && off < sp.End {
					want = i
					break
				}
			}
			if got := x.find(off); got != want {
				t.Fatalf("find(%d) in %v = %d; want %d", off, spans, got, want)
			}
		}
	}
}

// TestNotSpans compares run.notSpans, which searches for the
// not_quantity patterns with a prefix only in a sentence whose scan hits
// hold a first rune of one, with FindAllStringIndex over every sentence,
// on random texts of their runes, other runes and broken UTF-8.
func TestNotSpans(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewQuantities(set)
	if err != nil {
		t.Fatal(err)
	}
	q := x.(*Quantities)
	pieces := []string{"第", "第", "《", "》", "《", "三", "13", "０", "十", "位", "增长", "\xe7\xac", "\xac", "\xe3\x80", "😀", "\xff", ","}
	randomTexts(pieces, 3, 20000, func(text string) {
		for _, base := range []int{0, 1} {
			if base > len(text) {
				continue
			}
			d := &Doc{Text: text}
			s := &segment.Sentence{Start: base, End: len(text)}
			hits, in := q.scanner.sentence(text[base:], nil)
			r := &run{q: q, d: d, hits: hits, hitSets: in}
			r.notSpans(s)
			var want []Span
			for _, np := range q.notRE {
				if np.anchor || np.prefix == "" {
					continue
				}
				for _, m := range np.re.FindAllStringIndex(text[base:], -1) {
					want = append(want, Span{base + m[0], base + m[1]})
				}
			}
			if !slices.Equal(r.notSpan, want) {
				t.Fatalf("notSpans(%q from %d) = %v; want %v", text, base, r.notSpan, want)
			}
		}
	})
}

// TestFirstFrom compares firstFrom with slices.BinarySearch on sorted
// lists with repeated starts, at every position around them.
func TestFirstFrom(t *testing.T) {
	rng := uint64(5)
	for n := 0; n < 40; n++ {
		starts := make([]int, n)
		for i := range starts {
			rng = rng*6364136223846793005 + 1442695040888963407
			starts[i] = int(rng >> 60)
		}
		slices.Sort(starts)
		for pos := -2; pos <= 18; pos++ {
			want, _ := slices.BinarySearch(starts, pos)
			if got := firstFrom(starts, pos); got != want {
				t.Fatalf("firstFrom(%v, %d) = %d; want %d", starts, pos, got, want)
			}
		}
	}
}
