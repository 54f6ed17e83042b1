package extract

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao/segment"
)

func newEntities(tb testing.TB) Extractor {
	tb.Helper()
	x, err := NewEntities(builtinSet(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// TestEntitiesGold scores the extractor on the sample report against the
// gold mentions, per type: the multiset of (text, type) mentions. Every
// linked place must carry the gold region code.
func TestEntitiesGold(t *testing.T) {
	d := goldDoc(t, filepath.Join("testdata", "entities", "beibei-paragraphs.txt"))
	var r Records
	newEntities(t).Extract(d, &r)
	want := map[string]map[string]int{}
	codes := map[string]string{}
	readJSONL(t, filepath.Join("testdata", "entities", "beibei-entities.jsonl"), func(b []byte) {
		var g struct {
			Text, Type string
			RegionCode *string `json:"region_code"`
			Count      int
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		if want[g.Type] == nil {
			want[g.Type] = map[string]int{}
		}
		want[g.Type][g.Text] += g.Count
		if g.RegionCode != nil {
			codes[g.Text] = *g.RegionCode
		}
	})
	got := map[string][]string{}
	for _, e := range r.Entities {
		if d.Text[e.Start:e.End] != e.Text {
			t.Errorf("entity %q: span [%d,%d) reads %q", e.Text, e.Start, e.End, d.Text[e.Start:e.End])
		}
		got[e.Type] = append(got[e.Type], e.Text)
		if want[e.Type][e.Text] > 0 && e.Type == "LOC" && e.RegionCode != codes[e.Text] {
			t.Errorf("LOC %q: region code %q; want %q", e.Text, e.RegionCode, codes[e.Text])
		}
	}
	for _, typ := range []string{"ORG", "LOC", "PER", "DOC"} {
		tp, fp, fn, extra, missing := score(got[typ], want[typ], nil)
		p, rc := ratio(tp, tp+fp), ratio(tp, tp+fn)
		t.Logf("%s: precision %.3f (%d/%d), recall %.3f (%d/%d)", typ, p, tp, tp+fp, rc, tp, tp+fn)
		if testing.Verbose() || p < 0.90 || rc < 0.90 {
			for _, e := range extra {
				t.Logf("  extra:   %s %s", typ, e)
			}
			for _, m := range missing {
				t.Logf("  missing: %s %s", typ, m)
			}
		}
		if p < 0.90 || rc < 0.90 {
			t.Errorf("%s: precision %.3f, recall %.3f; want both ≥ 0.90", typ, p, rc)
		}
	}
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // text|type|normalized|code
	}{
		{"district and short form", "北碚区与绵阳携手", []string{"北碚区|LOC|北碚区|500109", "绵阳|LOC|绵阳市|510700"}},
		{"adjacent divisions split", "四川省绵阳市人民", []string{"四川省|LOC|四川省|510000", "绵阳市|LOC|绵阳市|510700"}},
		{"municipality", "联手在重庆实施项目", []string{"重庆|LOC|重庆市|500000"}},
		{"autonomous region", "服务陕西、宁夏、贵阳等地", []string{"陕西|LOC|陕西省|610000", "宁夏|LOC|宁夏回族自治区|640000", "贵阳|LOC|贵阳市|520100"}},
		{"ambiguous without context", "朝阳区经济发展", []string{"朝阳区|LOC|朝阳区|"}},
		{"ambiguous with context", "北京市朝阳区经济发展", []string{"北京市|LOC|北京市|110000", "朝阳区|LOC|朝阳区|110105"}},
		{"title", "签订了《三年行动方案》", []string{"三年行动方案|DOC|三年行动方案|"}},
		{"byline", "摄/吴祥鸿", []string{"吴祥鸿|PER|吴祥鸿|"}},
		{"org suffix", "位于北碚的重庆国贵赛车科技有限公司", []string{"北碚|LOC|北碚区|500109", "重庆国贵赛车科技有限公司|ORG|重庆国贵赛车科技有限公司|"}},
		{"alias expands", "与中科院重庆绿色智能技术研究院合作", []string{"中科院重庆绿色智能技术研究院|ORG|中国科学院重庆绿色智能技术研究院|"}},
		{"country", "在英国设立分会", []string{"英国|LOC|英国|"}},
		{"generic name is no entity", "共建产业技术研究院", nil},
	}
	x := newEntities(t)
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.text, Sentences: seg.Sentences(tt.text, nil)}
			var r Records
			x.Extract(d, &r)
			var got []string
			for _, e := range r.Entities {
				got = append(got, fmt.Sprintf("%s|%s|%s|%s", e.Text, e.Type, e.Normalized, e.RegionCode))
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkEntities(b *testing.B) {
	d := goldDoc(b, filepath.Join("testdata", "entities", "beibei-paragraphs.txt"))
	x := newEntities(b)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		var r Records
		x.Extract(d, &r)
	}
}

func FuzzEntities(f *testing.F) {
	for _, s := range []string{"北碚区与四川省绵阳市", "《三年行动方案》", "摄/吴祥鸿", "中国（重庆）自由贸易试验区", "横河川仪等4座智能化工厂", "区政府、市工商联", "“”（）等家企业"} {
		f.Add(s)
	}
	seg, err := segment.Default()
	if err != nil {
		f.Fatal(err)
	}
	x := newEntities(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := &Doc{Text: text, Sentences: seg.Sentences(text, nil)}
		var r Records
		x.Extract(d, &r)
		var spans []Span
		for _, e := range r.Entities {
			if e.Start < 0 || e.Start > e.End || e.End > len(text) || text[e.Start:e.End] != e.Text {
				t.Fatalf("entity %+v outside %q", e, text)
			}
			spans = append(spans, e.Span)
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		for i := 1; i < len(spans); i++ {
			if spans[i].Start < spans[i-1].End {
				t.Fatalf("nested or overlapping entities %v and %v in %q", spans[i-1], spans[i], text)
			}
		}
	})
}

// TestNameSetOrder checks nameSet.reset against a stable sort of the
// names by bucket and, within one, longest first.
func TestNameSetOrder(t *testing.T) {
	pieces := []string{"重庆", "北碚", "区", "科技", "公司", "a", "\xff", "集团", "有限"}
	rng := rand.New(rand.NewSource(7))
	var ns nameSet
	for n := 0; n < 2000; n++ {
		var names []*entCand
		for k := rng.Intn(40); k >= 0; k-- {
			var text string
			for j := rng.Intn(4); j >= 0; j-- {
				text += pieces[rng.Intn(len(pieces))]
			}
			c := &entCand{}
			c.Text = text
			names = append(names, c)
		}
		ns.reset(names)
		var want []int
		for i, c := range names {
			if r, _ := utf8.DecodeRuneInString(c.Text); len(c.Text) >= 3 && r != utf8.RuneError {
				want = append(want, i)
			}
		}
		slices.SortStableFunc(want, func(a, b int) int {
			if x, y := nameBucket(names[a].Text), nameBucket(names[b].Text); x != y {
				return x - y
			}
			return len(names[b].Text) - len(names[a].Text)
		})
		if !slices.Equal(ns.ids, want) {
			t.Fatalf("got %v; want %v", ns.ids, want)
		}
		for _, i := range want {
			b := nameBucket(names[i].Text)
			if got := ns.startingWith(names[i].Text); !slices.Contains(got, i) {
				t.Fatalf("bucket %d: got %v; want it to hold %d", b, got, i)
			}
		}
	}
}

// TestTailKey checks tailKey, and sfxTerm.endsWith built on it, against
// their definitions.
func TestTailKey(t *testing.T) {
	text := "重庆市北碚区科技a局"
	for n := 0; n <= len(text); n++ {
		s := text[:n]
		var want uint64
		for i := max(0, n-8); i < n; i++ {
			want = want<<8 | uint64(s[i])
		}
		if got := tailKey(s); got != want {
			t.Errorf("tailKey(%q) = %x; want %x", s, got, want)
		}
		for _, w := range []string{"局", "a局", "科技a局", "北碚区科技a局", "区", "市北碚区", "庆市"} {
			st := sfxTerm{word: w, tail: tailKey(w), tailMask: ^uint64(0) >> (64 - 8*min(8, len(w)))}
			if got, want := st.endsWith(s, tailKey(s)), strings.HasSuffix(s, w); got != want {
				t.Errorf("endsWith(%q, %q) = %v; want %v", s, w, got, want)
			}
		}
	}
}

// TestNextHead checks nameSet.nextHead against its definition: the first
// token from k on whose head key the names' filter holds, every token
// when a name is too short for the filter.
func TestNextHead(t *testing.T) {
	text := "重庆市北碚区科技局a重庆集团北碚区"
	var toks []segment.Token
	for i := range len(text) {
		toks = append(toks, segment.Token{Start: i})
	}
	for _, set := range [][]string{{"北碚区科技局"}, {"重庆集团", "科技局"}, {"重庆市", "a重"}, {}} {
		var names []*entCand
		for _, w := range set {
			c := &entCand{}
			c.Text = w
			names = append(names, c)
		}
		var ns nameSet
		ns.reset(names)
		for _, end := range []int{len(text), len(text) - 4, len(text) + 1} {
			for k := range len(toks) + 1 {
				want := k
				for ; want < len(toks) && !ns.short; want++ {
					h := noHead
					if st := toks[want].Start; st+6 <= end && end <= len(text) {
						h = int(headKey(text, st, end))
					}
					if h < noHead && ns.heads[h>>6]&(1<<(h&63)) != 0 {
						break
					}
				}
				if got := ns.nextHead(text, toks, k, end); got != want {
					t.Errorf("%v, end %d: nextHead from %d = %d; want %d", set, end, k, got, want)
				}
			}
		}
	}
}

// TestNextGaz checks that nextGaz lets through every token at which the
// gazetteer has a word, on texts of place names, their pieces, other
// Chinese characters, ASCII and broken UTF-8, with a token at each byte.
func TestNextGaz(t *testing.T) {
	e := newEntities(t).(*Entities)
	pieces := []string{"重庆", "北碚", "区", "市", "江北", "两江新区", "国家", "工信部", "的", "a", "\xe4\xb8", "\xff", "😀", "\xe5\x8c\x41", "\xe0\x80\x80", "\xed\xa0\x80"}
	randomTexts(pieces, 5, 3000, func(text string) {
		var toks []segment.Token
		for i := range len(text) {
			toks = append(toks, segment.Token{Start: i})
		}
		next := e.nextGaz(text, toks, 0)
		for k := range toks {
			if k > next {
				next = e.nextGaz(text, toks, k)
			}
			if k < next && len(e.gaz.idx.at(text, k, nil)) > 0 {
				t.Fatalf("nextGaz(%q) skips %d, where %q begins", text, k, e.gaz.idx.words[e.gaz.idx.at(text, k, nil)[0]])
			}
		}
	})
}

// TestMarkTokens checks markTokens against its definition: 等 alone and
// a person tag first or after punctuation exactly; and every title
// before the last token, whose mark may pass other tokens too.
func TestMarkTokens(t *testing.T) {
	e := newEntities(t).(*Entities)
	words := []string{"等", "等等", "书记", "市长", "院士", "北碚", "的", "a", "", "\xe4\xb8", "\xe7\xad", "\xe7\xad\x41", "\xe4\xb9\xa6", "\xff", "😀", "，", "x"}
	tags := []string{"x", "nr", "nrt", "nrfg", "nrx", "n", "ns", "v", "", "xx", "m"}
	rng := rand.New(rand.NewSource(3))
	for range 20000 {
		toks := make([]segment.Token, rng.Intn(8))
		for k := range toks {
			toks[k] = segment.Token{Text: words[rng.Intn(len(words))], Pos: tags[rng.Intn(len(tags))]}
		}
		got := make([]uint8, len(toks))
		for _, mk := range e.markTokens(toks, nil) {
			got[mk.k] = mk.m
		}
		for k, tk := range toks {
			var want uint8
			if tk.Text == "等" {
				want |= markMembers
			}
			if k+1 < len(toks) && e.titles.lookup(tk.Text) >= 0 {
				want |= markTitle
			}
			if isPersonTok(&toks[k]) && (k == 0 || toks[k-1].Pos == "x") {
				want |= markPerson
			}
			if got[k]&^markTitle != want&^markTitle || got[k]&want != want || k+1 == len(toks) && got[k]&markTitle != 0 {
				t.Fatalf("token %d of %v: marks %03b; want %03b", k, toks, got[k], want)
			}
		}
	}
}

// TestRunesAtLeast checks runesAtLeast against a count of the runes.
func TestRunesAtLeast(t *testing.T) {
	pieces := []string{"a", "é", "区", "😀", "\xff", "\xe4\xb8", ""}
	randomTexts(pieces, 11, 3000, func(s string) {
		for n := 0; n <= 20; n++ {
			if got, want := runesAtLeast(s, n), utf8.RuneCountInString(s) >= n; got != want {
				t.Fatalf("runesAtLeast(%q, %d) = %v; want %v", s, n, got, want)
			}
		}
	})
}

// TestTailBucket checks that a text ends with another of four bytes or
// more only where their tail buckets agree.
func TestTailBucket(t *testing.T) {
	pieces := []string{"a", "区", "科技", "😀", "\xff", "局", "重庆"}
	randomTexts(pieces, 13, 3000, func(s string) {
		for i := 0; i+4 <= len(s); i++ {
			if got, want := tailBucket(tailKey(s[i:])), tailBucket(tailKey(s)); got != want {
				t.Fatalf("tailBucket of %q = %d; of %q, which ends with it, %d", s[i:], got, s, want)
			}
		}
	})
}

// TestEntityPatternFindAt checks entityPattern.findAt, which tries a
// pattern anchored at the scan's hits of its first runes, against the
// unanchored FindAllStringSubmatchIndex over random sentences of the
// patterns' pieces, other words and broken UTF-8.
func TestEntityPatternFindAt(t *testing.T) {
	e := newEntities(t).(*Entities)
	pieces := []string{"《", "》", "三年", "行动方案", "\n", "摄", "图", "文", "记者", "通讯员", "/", "／", "：", " ", "　", "|",
		"吴祥鸿", "张维", "的", "a", "，", "\xe5\x8c", "\xff", "😀"}
	n := 0
	for pi := range e.pats {
		p := &e.pats[pi]
		if p.anch == nil {
			continue
		}
		n++
		randomTexts(pieces, uint64(41+pi), 20000, func(text string) {
			hits, _ := e.scanner.sentence(text, nil)
			got := p.findAt(text, hits, e.scanBit, nil)
			want := p.re.FindAllStringSubmatchIndex(text, -1)
			if len(got) != len(want) {
				t.Fatalf("%s in %q: got %v; want %v", p.rule.ID, text, got, want)
			}
			for k := range got {
				if !slices.Equal(got[k], want[k]) {
					t.Fatalf("%s in %q: got %v; want %v", p.rule.ID, text, got, want)
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no pattern is tried anchored")
	}
}
