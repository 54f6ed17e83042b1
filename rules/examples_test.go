package rules_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// TestBuiltinExamples runs every example, not sentence and todo of the
// built-in rule set through the real pipeline, as `baogao rules test`
// does, so that CI covers every built-in rule. Failures are grouped by
// rule id: go test ./rules -run 'TestBuiltinExamples/unit.currency'.
func TestBuiltinExamples(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	rep := rules.Test(set, extract.RuleRunner(seg, p))
	failing := map[string][]rules.Result{}
	for _, f := range rep.Failures {
		failing[f.Rule] = append(failing[f.Rule], f)
	}
	for _, r := range set.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			for _, f := range failing[r.ID] {
				t.Error(f.String())
			}
		})
	}
	for _, td := range rep.Todos {
		if td.Pass {
			t.Log(td.String())
		}
	}
	t.Log(rep.Summary())
}

// coveredKinds are the kinds whose every word must appear in some example.
var coveredKinds = []string{"unit", "measure", "qualifier", "change", "basis"}

// TestBuiltinCoverage checks that every built-in rule has an example and
// that the examples together use every word of the unit, measure,
// qualifier, change and basis rules, so that no vocabulary is untested.
// A stage whose rule files do not exist yet is skipped; once they exist
// this test must not be weakened.
func TestBuiltinCoverage(t *testing.T) {
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range rules.StageOrder {
		t.Run(string(st), func(t *testing.T) {
			var rs []*rules.Rule
			for _, r := range set.Rules() {
				if r.Stage() == st {
					rs = append(rs, r)
				}
			}
			if len(rs) == 0 {
				t.Skipf("no built-in %s rules yet (rules/builtin/%ss/ is empty); remove nothing from this test when they land", st, st)
			}
			var texts []string
			for _, r := range rs {
				// A not_* rule says what is never a record; its not
				// sentences are its examples.
				if len(r.Examples) == 0 && !(strings.HasPrefix(r.Kind, "not_") && len(r.Not) > 0) {
					t.Errorf("%s:%d: %s: no examples", r.File, r.Line, r.ID)
				}
				for _, ex := range r.Examples {
					texts = append(texts, ex.Text)
				}
			}
			for _, r := range rs {
				if !slices.Contains(coveredKinds, r.Kind) {
					continue
				}
				for _, term := range r.Terms {
					for _, w := range term.Words {
						if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, w) }) {
							t.Errorf("%s:%d: %s: no example uses %q (%s)", r.File, r.Line, r.ID, w, term.Value)
						}
					}
				}
			}
		})
	}
}

// BenchmarkBuiltinExamples measures `baogao rules test` without start-up:
// every built-in example through the full pipeline. A rule author should
// know in well under a second whether a change broke an example.
func BenchmarkBuiltinExamples(b *testing.B) {
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		b.Fatal(err)
	}
	p, err := extract.New(set)
	if err != nil {
		b.Fatal(err)
	}
	r := extract.RuleRunner(seg, p)
	b.ReportAllocs()
	for b.Loop() {
		rules.Test(set, r)
	}
}

// runner is a fixed Runner for the example below.
type runner map[string][]rules.Record

func (r runner) Run(text string) []rules.Record { return r[text] }

func ExampleTest() {
	set, err := rules.Load("testdata/example")
	if err != nil {
		fmt.Println(err)
		return
	}
	// A real run uses extract.RuleRunner(segment, pipeline); this one
	// knows two sentences.
	r := runner{
		"集装箱吞吐量达到120万标准箱": {{Stage: rules.StageQuantity, Text: "120万标准箱", Value: 1200000, Unit: "个", Rule: "measure.count"}},
		"标准箱的尺寸":          nil,
	}
	rep := rules.TestRules(slices.DeleteFunc(slices.Clone(set.Rules()), func(r *rules.Rule) bool { return r.Builtin }), r)
	for _, f := range rep.Failures {
		fmt.Println(f)
	}
	fmt.Println(rep.Summary())
	// Output:
	// testdata/example/teu.yaml:7: unit.teu: example "集装箱吞吐量达到120万标准箱": want {text: 120万标准箱, value: 1200000, unit: 标准箱}; got {text: 120万标准箱, value: 1200000, unit: 个}
	// 1 passed, 1 failed
}
