package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao/segment"
)

// BenchmarkEntitiesReports runs the entity extractor alone over the
// texts of BenchmarkPipelineLayout, folded and segmented before the timer
// starts with the full dictionary (see benchEngine).
func BenchmarkEntitiesReports(b *testing.B) {
	set, p, seg := benchEngine(b)
	x, err := NewEntities(set)
	if err != nil {
		b.Fatal(err)
	}
	docs, size := reportDocs(b, p, seg)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			var r Records
			x.Extract(d, &r)
		}
	}
}

// TestEntitiesResolveAgain checks that resolving again only the
// sentences that changed (resolveAgain) finds the entities resolving
// all again finds, as Extract does with a trace: on the report texts,
// and on random texts of names repeated, shortened and listed.
func TestEntitiesResolveAgain(t *testing.T) {
	x := newEntities(t).(*Entities)
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	check := func(text string) {
		d := &Doc{Text: text, Sentences: seg.Sentences(text, nil)}
		var fast, full Records
		full.Trace = new([]Candidate)
		x.Extract(d, &fast)
		x.Extract(d, &full)
		if !slices.Equal(fast.Entities, full.Entities) {
			t.Fatalf("%q:\n got %v\nwant %v", text, fast.Entities, full.Entities)
		}
	}
	for _, text := range reportTexts(t) {
		check(text)
	}
	pieces := []string{"重庆市工业互联网产业生态园", "工业互联网产业生态园", "重庆市北碚区人民政府", "北碚区", "区政府", "人民政府",
		"西南大学", "重庆西南大学", "中科院重庆研究院", "横河川仪", "海斯坦普", "神驰机电", "、", "等", "4座智能化工厂", "80家企业",
		"，", "。", "\n", "的", "在", "与", "书记", "黄强", "表示", "《", "》", "（", "）", "北京", "江北", "两江新区"}
	randomTexts(pieces, 17, 3000, func(text string) {
		check(strings.Repeat(text+"。", 2))
	})
}

// TestEndsKnown checks the sentence filter of the names found again:
// where lastSlots lets it be used, endsKnown reports every sentence
// that holds one of the names, on random texts of names, their pieces,
// other words and broken UTF-8.
func TestEndsKnown(t *testing.T) {
	e := newEntities(t).(*Entities)
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	sets := [][]string{
		{"重庆市人民政府", "西南大学", "北碚区委", "科技局"},
		{"重庆市人民政府", "横河川仪"}, // 仪 is no scanned rune: no filter
		{"ab政府"},
	}
	pieces := []string{"重庆市", "人民政府", "政府", "西南", "大学", "北碚区", "委", "科技局", "局", "横河", "川仪", "ab", "的", "，", "。", "\xe5\xba", "\xff"}
	var sc entScratch
	for _, set := range sets {
		var names []*entCand
		for _, w := range set {
			names = append(names, &entCand{Entity: Entity{Text: w}})
		}
		lasts := e.lastSlots(names, &sc)
		if want := set[len(set)-1] != "横河川仪"; (lasts != nil) != want {
			t.Fatalf("%v: lastSlots != nil is %v; want %v", set, lasts != nil, want)
		}
		if lasts == nil {
			continue
		}
		var tails []uint64
		var at [tailBuckets + 1]int32
		for _, k := range names {
			tails = append(tails, tailKey(k.Text))
			at[tailBucket(tailKey(k.Text))+1]++
		}
		for b := range tailBuckets {
			at[b+1] += at[b]
		}
		byTail := make([]int32, len(names))
		next := at
		for j, tail := range tails {
			byTail[next[tailBucket(tail)]] = int32(j)
			next[tailBucket(tail)]++
		}
		randomTexts(pieces, 19, 3000, func(text string) {
			d := &Doc{Text: text, Sentences: seg.Sentences(text, nil)}
			ds, _ := scanDoc(d, e.scanner)
			defer ds.release()
			for si, s := range d.Sentences {
				st := text[s.Start:s.End]
				holds := slices.ContainsFunc(set, func(w string) bool { return strings.Contains(st, w) })
				if holds && !e.endsKnown(st, ds.sentence(si), lasts, names, tails, byTail, &at) {
					t.Fatalf("%v: endsKnown(%q) = false", set, st)
				}
			}
		})
	}
}

// TestSuffixesEnding checks suffixesEnding against suffixesOf: at every
// end of random texts of suffix words, their pieces, ASCII and broken
// UTF-8, the words of each that end the text are the same, in order.
func TestSuffixesEnding(t *testing.T) {
	e := newEntities(t).(*Entities)
	pieces := []string{"a", "的", "\xff", "\xe5\x8c", "区", "新", "开发", "园", "科技"}
	for _, st := range e.sfxInfo {
		pieces = append(pieces, st.word)
		if r := []rune(st.word); len(r) > 1 {
			pieces = append(pieces, string(r[len(r)-2:]), string(r[1:]))
		}
	}
	ending := func(terms []int, text string, tail uint64) []int {
		var out []int
		for _, ti := range terms {
			if e.sfxInfo[ti].endsWith(text, tail) {
				out = append(out, ti)
			}
		}
		return out
	}
	randomTexts(pieces, 23, 5000, func(text string) {
		for end := 1; end <= len(text); end++ {
			last, _ := utf8.DecodeLastRuneInString(text[:end])
			tail := tailKey(text[:end])
			want := ending(e.suffixesOf(last), text[:end], tail)
			if got := ending(e.suffixesEnding(last, tail, end), text[:end], tail); !slices.Equal(got, want) {
				t.Fatalf("%q: got %v; want %v", text[:end], got, want)
			}
		}
	})
}
