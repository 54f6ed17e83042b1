package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// BenchmarkEntitiesReports runs the entity extractor alone over the
// texts of BenchmarkPipelineLayout, folded and segmented before the timer
// starts with the full dictionary, loaded first: no work of the
// segmenter's is left running in the background, so that instruction
// counts of the whole binary (cachegrind's) measure the extractor.
func BenchmarkEntitiesReports(b *testing.B) {
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	x, err := NewEntities(set)
	if err != nil {
		b.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		b.Fatal(err)
	}
	if err := seg.Load(); err != nil {
		b.Fatal(err)
	}
	var docs []*Doc
	size := 0
	for _, text := range reportTexts(b) {
		for d, err := range corpus.ReadBytes("report.txt", "txt", []byte(text)) {
			if err != nil {
				b.Fatal(err)
			}
			view := p.Fold(d.Text)
			paras := make([]segment.Span, len(d.Paragraphs))
			for j, q := range d.Paragraphs {
				paras[j] = segment.Span{Start: q.Start, End: q.End}
			}
			docs = append(docs, &Doc{Text: view, Original: d.Text, Sentences: seg.Sentences(view, paras), Published: d.Published})
			size += len(d.Text)
		}
	}
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
