package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDocs reads about 8 MB of the reports under $BG_CORPUS (a corpus
// directory of baogao, DIR/*/*.txt), a paragraph per run of non-blank
// lines, the lines of a paragraph joined by nothing.
func corpusDocs(b *testing.B) (texts []string, paras [][]Span, size int) {
	dir := os.Getenv("BG_CORPUS")
	if dir == "" {
		b.Skip("BG_CORPUS not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var sb strings.Builder
		var ps []Span
		start := -1
		for line := range strings.Lines(string(data)) {
			line = strings.TrimRight(line, "\r\n")
			if strings.TrimSpace(line) == "" {
				if start >= 0 {
					ps = append(ps, Span{start, sb.Len()})
					start = -1
				}
				continue
			}
			if start < 0 {
				if sb.Len() > 0 {
					sb.WriteByte('\n')
				}
				start = sb.Len()
			}
			sb.WriteString(line)
		}
		if start >= 0 {
			ps = append(ps, Span{start, sb.Len()})
		}
		texts = append(texts, sb.String())
		paras = append(paras, ps)
		size += sb.Len()
		if size > 8<<20 {
			break
		}
	}
	return texts, paras, size
}

// BenchmarkCorpus is SentencesIn, as a run calls it, on real reports,
// whose words are many more than the sample's: it shows the cache misses
// of the index that BenchmarkSentences hides. It is skipped unless
// BG_CORPUS names a corpus.
func BenchmarkCorpus(b *testing.B) {
	s := loaded(b)
	texts, paras, size := corpusDocs(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var buf Buffers
	for b.Loop() {
		for i, t := range texts {
			s.SentencesIn(&buf, t, paras[i])
		}
	}
}
