package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// goldQuantity is one line of beibei-quantities.jsonl.
type goldQuantity struct {
	Text      string   `json:"text"`
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Change    *string  `json:"change"`
	Basis     *string  `json:"basis"`
	Period    *string  `json:"period"`
	Indicator *string  `json:"indicator"`
	Subject   *string  `json:"subject"`
	Optional  bool     `json:"optional"`
	N         int      `json:"n"`
	span      Span
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// paragraphDoc builds a Doc from a file with one paragraph a line, with
// the gold file's "# " and "@ " markers stripped, joined with "\n".
func paragraphDoc(tb testing.TB, data []byte) *Doc {
	tb.Helper()
	var paras []string
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		line = strings.TrimPrefix(strings.TrimPrefix(line, "# "), "@ ")
		paras = append(paras, line)
	}
	return segmentDoc(tb, paras)
}

func segmentDoc(tb testing.TB, paras []string) *Doc {
	tb.Helper()
	seg, err := segment.Default()
	if err != nil {
		tb.Fatal(err)
	}
	text := strings.Join(paras, "\n")
	var spans []segment.Span
	at := 0
	for _, p := range paras {
		spans = append(spans, segment.Span{Start: at, End: at + len(p)})
		at += len(p) + 1
	}
	return &Doc{Text: text, Sentences: seg.Sentences(text, spans)}
}

func loadGold(tb testing.TB, text string) []goldQuantity {
	tb.Helper()
	data, err := os.ReadFile("testdata/quantities/beibei-quantities.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	var out []goldQuantity
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var g goldQuantity
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatal(err)
		}
		// The n-th non-overlapping occurrence of text, left to right.
		at, n := 0, 0
		for {
			i := strings.Index(text[at:], g.Text)
			if i < 0 {
				tb.Fatalf("gold %q n=%d not found", g.Text, g.N)
			}
			n++
			if n == g.N {
				g.span = Span{at + i, at + i + len(g.Text)}
				break
			}
			at += i + len(g.Text)
		}
		out = append(out, g)
	}
	return out
}

func sameValue(got, want float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= 1e-9*math.Max(math.Abs(got), math.Abs(want))
}

var (
	pipelineOnce sync.Once
	pipeline     *Pipeline
	pipelineErr  error
)

// newPipeline returns the pipeline of the built-in rules, built once.
func newPipeline(tb testing.TB) *Pipeline {
	tb.Helper()
	pipelineOnce.Do(func() {
		var set *rules.Set
		if set, pipelineErr = rules.Builtin(); pipelineErr == nil {
			pipeline, pipelineErr = New(set)
		}
	})
	if pipelineErr != nil {
		tb.Fatal(pipelineErr)
	}
	return pipeline
}

// TestQuantitiesGold scores the extractor against the hand-made reference
// of the sample report: precision and recall over the non-optional items
// (same span, value within 1e-9 relative, same unit), and the share of
// matched items whose qualifier, change, basis and period are all right.
// Figures that overlap an optional item are neither counted nor missed.
func TestQuantitiesGold(t *testing.T) {
	data, err := os.ReadFile("testdata/quantities/beibei-paragraphs.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := paragraphDoc(t, data)
	gold := loadGold(t, d.Text)
	recs := newPipeline(t).Extract(d)

	var tp, fp, fn, attrOK, indOK, subjOK int
	used := make([]bool, len(recs.Quantities))
	for _, g := range gold {
		found := -1
		for i, q := range recs.Quantities {
			if q.Span == g.span {
				found = i
				break
			}
		}
		if g.Optional {
			if found >= 0 {
				used[found] = true
			}
			continue
		}
		if found < 0 {
			fn++
			t.Logf("missed  %q (%v %s)", g.Text, g.Value, g.Unit)
			continue
		}
		used[found] = true
		q := recs.Quantities[found]
		if !sameValue(q.Value, g.Value) || q.Unit != g.Unit {
			fn++
			fp++
			t.Logf("wrong   %q: got %v %s; want %v %s", g.Text, q.Value, q.Unit, g.Value, g.Unit)
			continue
		}
		tp++
		if q.Qualifier == g.Qualifier && q.Change == str(g.Change) && q.Basis == str(g.Basis) && q.Period == str(g.Period) {
			attrOK++
		} else {
			t.Logf("attrs   %q: got %s/%s/%s/%s; want %s/%s/%s/%s", g.Text,
				q.Qualifier, q.Change, q.Basis, q.Period, g.Qualifier, str(g.Change), str(g.Basis), str(g.Period))
		}
		if q.Indicator == str(g.Indicator) {
			indOK++
		} else {
			t.Logf("indic.  %q: got %q; want %q", g.Text, q.Indicator, str(g.Indicator))
		}
		if q.Subject == str(g.Subject) {
			subjOK++
		} else {
			t.Logf("subject %q: got %q; want %q", g.Text, q.Subject, str(g.Subject))
		}
	}
	for i, q := range recs.Quantities {
		overlapsOptional := false
		for _, g := range gold {
			if g.Optional && q.Start < g.span.End && g.span.Start < q.End {
				overlapsOptional = true
			}
		}
		if !used[i] && !overlapsOptional {
			fp++
			t.Logf("extra   %q (%v %s) rule %s", q.Text, q.Value, q.Unit, q.Rule)
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	attrs := float64(attrOK) / float64(max(1, tp))
	t.Logf("precision %.3f (%d/%d), recall %.3f (%d/%d), attributes %.3f (%d/%d); indicator %d/%d, subject %d/%d exact (not scored)",
		precision, tp, tp+fp, recall, tp, tp+fn, attrs, attrOK, tp, indOK, tp, subjOK, tp)
	if precision < 0.97 || recall < 0.97 || attrs < 0.95 {
		t.Errorf("precision %.3f, recall %.3f, attributes %.3f; want ≥ 0.97, ≥ 0.97, ≥ 0.95", precision, recall, attrs)
	}
}
