package segment

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"

	"github.com/baogao/baogao/segment/internal/dictfile"
)

// raceEnabled is set by race_test.go in -race builds, where loading gse's
// dictionary the reference way takes longer than it is worth.
var raceEnabled bool

func newTest(t testing.TB) *Segmenter {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	loadedOnce sync.Once
	loadedSeg  *Segmenter
	loadedErr  error
)

// loaded returns a segmenter, shared by the tests, with its full
// dictionary loaded.
func loaded(t testing.TB) *Segmenter {
	t.Helper()
	loadedOnce.Do(func() {
		loadedSeg, loadedErr = New()
		if loadedErr == nil {
			loadedErr = loadedSeg.Load()
		}
	})
	if loadedErr != nil {
		t.Fatal(loadedErr)
	}
	return loadedSeg
}

var (
	refOnce sync.Once
	refSeg  *gse.Segmenter
	refErr  error
)

// reference returns gse loaded the slow way (see dictfile.Reference) with
// the domain dictionary.
func reference(t testing.TB) *gse.Segmenter {
	t.Helper()
	if raceEnabled {
		t.Skip("loading gse's dictionary the reference way takes too long with -race")
	}
	refOnce.Do(func() { refSeg, refErr = dictfile.Reference(domainSource(domainDict)) })
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refSeg
}

// sample returns the sample report and its lines as paragraphs.
func sample(t testing.TB) (string, []Span) {
	t.Helper()
	b, err := os.ReadFile("testdata/beibei-report.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b), lines(string(b))
}

// lines returns the lines of text as spans, without their "\n".
func lines(text string) []Span {
	var out []Span
	start := 0
	for line := range strings.Lines(text) {
		out = append(out, Span{start, start + len(strings.TrimSuffix(line, "\n"))})
		start += len(line)
	}
	return out
}

// words returns tokens as "word/pos" joined by spaces.
func words(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text + "/" + t.Pos)
	}
	return b.String()
}
