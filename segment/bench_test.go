package segment

import (
	"strings"
	"testing"
)

// benchText returns the sample report repeated to about 1 MB, with its
// lines as paragraphs.
func benchText(b *testing.B) (string, []Span) {
	text, _ := sample(b)
	text = strings.Repeat(text, 1<<20/len(text)+1)
	return text, lines(text)
}

// BenchmarkSegment is bare gse: Segment with the full dictionary (loaded
// the reference way) on each paragraph, the speed to compare
// BenchmarkSentences with.
func BenchmarkSegment(b *testing.B) {
	g := reference(b)
	text, paras := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			g.Segment([]byte(text[p.Start:p.End]))
		}
	}
}

// BenchmarkSentences is the whole of package segment with the full
// dictionary: sentences, tokens, numbers.
func BenchmarkSentences(b *testing.B) {
	s := loaded(b)
	text, paras := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Sentences(text, paras)
	}
}

// BenchmarkSentencesLazy is Sentences on the sample report (11 kB) with a
// dictionary of its words, as before the full dictionary is loaded.
func BenchmarkSentencesLazy(b *testing.B) {
	text, paras := sample(b)
	s := newTest(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.lazy.Store(0) // stay lazy
		s.Sentences(text, paras)
	}
}

// BenchmarkLoad is the start-up path of a short job, such as baogao
// explain: a new segmenter cutting one sentence.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := New()
		if err != nil {
			b.Fatal(err)
		}
		s.Sentences("2019年实现利润36.83亿元，同比增长15%", nil)
	}
}

// BenchmarkLoadFull is loading the full dictionary, which Preload does in
// the background.
func BenchmarkLoadFull(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := New()
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}
