package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Record is a flat, comparable view of one extracted record of any stage,
// the form in which the harness compares what a rule set found with what
// its examples want. Package rules cannot import package extract (which
// imports rules), so extract converts its records into this form; see
// extract.RuleRunner.
type Record struct {
	Stage      Stage
	Start, End int    // byte offsets into the text that was run
	Text       string // the record's surface text
	// Value is a quantity's value in its canonical unit; 0 for other
	// stages.
	Value float64
	// ValueText is a time's value (2019-12, 2021/2025); "" for other
	// stages and for unresolved times.
	ValueText string
	// ValueMax is a range's high end when HasMax is set.
	ValueMax float64
	HasMax   bool

	Unit, Dimension, Qualifier, Change, Basis, Period, Indicator, Subject string // quantities
	Granularity                                                           string // times
	Type, Normalized, RegionCode                                          string // entities

	Rule string // id of the rule that produced the record
}

// Runner runs a rule set over one piece of text. extract.RuleRunner is the
// Runner of the real pipeline; tests may supply their own.
type Runner interface {
	// Run segments text as one paragraph, extracts it and returns every
	// record found, of every stage. An empty result means nothing was
	// found.
	Run(text string) []Record
}

// Result is the outcome of one example, not sentence or todo.
type Result struct {
	File string
	Line int
	Rule string
	// What is "example", "not" or "todo".
	What string
	Text string
	// Pass reports whether the example held. A todo that passes is worth
	// moving to examples.
	Pass bool
	// Want and Got describe a failure: the wants that were not found, and
	// what the rule set found instead, in the same fields.
	Want, Got string
}

// String formats a result the way `baogao rules test` prints it:
// file:line: rule-id: example "…": want …; got …
func (r Result) String() string {
	s := fmt.Sprintf("%s:%d: %s: %s %q", r.File, r.Line, r.Rule, r.What, r.Text)
	if r.Pass {
		if r.What == "todo" {
			return s + ": passes now; move it to examples"
		}
		return s + ": ok"
	}
	return s + ": want " + r.Want + "; got " + r.Got
}

// Report is what [Test] found.
type Report struct {
	// Passed and Failed count examples and not sentences.
	Passed, Failed int
	// Todo counts todo examples, which never fail.
	Todo int
	// Failures lists every failing example and not sentence, in rule
	// load order.
	Failures []Result
	// Todos lists every todo example with whether it holds yet.
	Todos []Result
}

// OK reports whether every example and not sentence held.
func (r Report) OK() bool { return r.Failed == 0 }

// Summary is the closing line of `baogao rules test`:
// "N passed, N failed" and, when there are any, ", N todo".
func (r Report) Summary() string {
	s := fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed)
	if r.Todo > 0 {
		s += fmt.Sprintf(", %d todo", r.Todo)
	}
	return s
}

// Test runs every example of every rule in set through r and reports the
// ones that do not hold:
//
//   - an example holds when each of its wants is found: some record of
//     the want's stage (see below) has every field the want sets equal to
//     it; a number value is compared with a relative tolerance of 1e-9,
//     and rule, when set, must name the rule that produced the record.
//     Records that no want asks for are fine. An example with no want
//     holds when anything of the rule's stage is found;
//   - a not sentence holds when nothing at all of the rule's stage is
//     found in it (a not sentence of a unit rule must produce no quantity);
//   - todo examples are run and reported the same way, and never fail.
//
// A want's stage is the one its fields belong to: unit, dimension,
// qualifier, change, basis, period, indicator, subject and value_max are
// quantity fields, granularity is a time field, type, normalized and
// region_code are entity fields. A want with none of them (only text,
// value or rule) is of the rule's own stage. Loading rejects wants that mix
// stages.
func Test(set *Set, r Runner) Report { return TestRules(set.Rules(), r) }

// TestRules is [Test] for some of a set's rules, such as those of a user
// folder only.
func TestRules(rs []*Rule, r Runner) Report {
	var rep Report
	for _, rule := range rs {
		for _, ex := range rule.Examples {
			res := runExample(rule, ex, "example", r)
			if res.Pass {
				rep.Passed++
			} else {
				rep.Failed++
				rep.Failures = append(rep.Failures, res)
			}
		}
		for i, text := range rule.Not {
			res := runNot(rule, text, i, r)
			if res.Pass {
				rep.Passed++
			} else {
				rep.Failed++
				rep.Failures = append(rep.Failures, res)
			}
		}
		for _, ex := range rule.Todo {
			rep.Todo++
			rep.Todos = append(rep.Todos, runExample(rule, ex, "todo", r))
		}
	}
	return rep
}

func runExample(rule *Rule, ex Example, what string, r Runner) Result {
	res := Result{File: rule.File, Line: ex.Line, Rule: rule.ID, What: what, Text: ex.Text}
	if res.Line == 0 {
		res.Line = rule.Line
	}
	got := r.Run(ex.Text)
	if len(ex.Want) == 0 {
		for _, g := range got {
			if g.Stage == rule.Stage() {
				res.Pass = true
				return res
			}
		}
		res.Want = "some " + string(rule.Stage())
		res.Got = "nothing of that stage"
		return res
	}
	var missing []Want
	stages := map[Stage]bool{}
	for _, w := range ex.Want {
		st := w.stage(rule.Stage())
		found := false
		for _, g := range got {
			if g.Stage == st && w.Matches(g) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, w)
			stages[st] = true
		}
	}
	if len(missing) == 0 {
		res.Pass = true
		return res
	}
	fields := map[string]bool{}
	var ws []string
	for _, w := range missing {
		ws = append(ws, w.String())
		for _, f := range w.fields() {
			fields[f.name] = true
		}
	}
	var gs []string
	for _, g := range got {
		if stages[g.Stage] {
			gs = append(gs, formatRecord(g, fields))
		}
	}
	res.Want = strings.Join(ws, ", ")
	res.Got = "nothing"
	if len(gs) > 0 {
		res.Got = strings.Join(gs, ", ")
	}
	return res
}

func runNot(rule *Rule, text string, i int, r Runner) Result {
	res := Result{File: rule.File, Line: rule.Line, Rule: rule.ID, What: "not", Text: text, Pass: true}
	if i < len(rule.NotLines) && rule.NotLines[i] > 0 {
		res.Line = rule.NotLines[i]
	}
	var gs []string
	for _, g := range r.Run(text) {
		if g.Stage == rule.Stage() {
			gs = append(gs, formatRecord(g, map[string]bool{"rule": true}))
		}
	}
	if len(gs) > 0 {
		res.Pass = false
		res.Want = "no " + string(rule.Stage())
		res.Got = strings.Join(gs, ", ")
	}
	return res
}

// field is one set field of a Want.
type field struct {
	name  string
	stage Stage // "" when the field belongs to any stage
	want  string
}

// fields lists the fields w sets, in the order of the Want struct.
func (w Want) fields() []field {
	var fs []field
	add := func(name string, st Stage, v string) {
		if v != "" {
			fs = append(fs, field{name, st, v})
		}
	}
	add("text", "", w.Text)
	if w.Value != nil {
		add("value", "", valueString(w.Value))
	}
	if w.ValueMax != nil {
		add("value_max", StageQuantity, formatFloat(*w.ValueMax))
	}
	add("unit", StageQuantity, w.Unit)
	add("dimension", StageQuantity, w.Dimension)
	add("qualifier", StageQuantity, w.Qualifier)
	add("change", StageQuantity, w.Change)
	add("basis", StageQuantity, w.Basis)
	add("period", StageQuantity, w.Period)
	add("indicator", StageQuantity, w.Indicator)
	add("subject", StageQuantity, w.Subject)
	add("granularity", StageTime, w.Granularity)
	add("type", StageEntity, w.Type)
	add("normalized", StageEntity, w.Normalized)
	add("region_code", StageEntity, w.RegionCode)
	add("rule", "", w.Rule)
	return fs
}

// wantStage returns the stage w's fields belong to, "" when they name
// none, and an error when they name more than one.
func (w Want) wantStage() (Stage, error) {
	var st Stage
	var first string
	for _, f := range w.fields() {
		if f.stage == "" {
			continue
		}
		if st != "" && f.stage != st {
			return "", fmt.Errorf("want mixes %s (a %s field) and %s (a %s field)", first, st, f.name, f.stage)
		}
		if st == "" {
			st, first = f.stage, f.name
		}
	}
	switch w.Value.(type) {
	case nil, string, int, int64, uint64, float64:
	default:
		return "", fmt.Errorf("want value must be a number or a string, not %T", w.Value)
	}
	return st, nil
}

func (w Want) stage(def Stage) Stage {
	if st, err := w.wantStage(); err == nil && st != "" {
		return st
	}
	return def
}

// Matches reports whether g has every field w sets. A number value
// matches a quantity's Value within a relative 1e-9, or a time's value
// written the same way (value: 2019); a string value matches a time's
// value, or a quantity's Value when it parses as a number.
func (w Want) Matches(g Record) bool {
	for _, f := range w.fields() {
		var ok bool
		switch f.name {
		case "text":
			ok = g.Text == f.want
		case "value":
			ok = matchValue(w.Value, g)
		case "value_max":
			ok = g.HasMax && near(g.ValueMax, *w.ValueMax)
		case "unit":
			ok = g.Unit == f.want
		case "dimension":
			ok = g.Dimension == f.want
		case "qualifier":
			ok = g.Qualifier == f.want
		case "change":
			ok = g.Change == f.want
		case "basis":
			ok = g.Basis == f.want
		case "period":
			ok = g.Period == f.want
		case "indicator":
			ok = g.Indicator == f.want
		case "subject":
			ok = g.Subject == f.want
		case "granularity":
			ok = g.Granularity == f.want
		case "type":
			ok = g.Type == f.want
		case "normalized":
			ok = g.Normalized == f.want
		case "region_code":
			ok = g.RegionCode == f.want
		case "rule":
			ok = g.Rule == f.want
		}
		if !ok {
			return false
		}
	}
	return true
}

func matchValue(v any, g Record) bool {
	if g.Stage != StageQuantity {
		return g.ValueText == valueString(v)
	}
	var f float64
	switch x := v.(type) {
	case string:
		p, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return false
		}
		f = p
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	case float64:
		f = x
	default:
		return false
	}
	return near(g.Value, f)
}

// near reports whether a and b are equal within a relative 1e-9.
func near(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func valueString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return formatFloat(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// String writes w in the flow style of a rule file, fields in a fixed
// order: {text: 15%, value: 15, unit: percent}.
func (w Want) String() string {
	var parts []string
	for _, f := range w.fields() {
		parts = append(parts, f.name+": "+quote(f.want))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// formatRecord writes g like a Want, with text and the named fields only,
// so that a failure shows got and want side by side.
func formatRecord(g Record, fields map[string]bool) string {
	parts := []string{"text: " + quote(g.Text)}
	add := func(name, v string) {
		if fields[name] {
			parts = append(parts, name+": "+quote(v))
		}
	}
	if g.Stage == StageQuantity {
		add("value", formatFloat(g.Value))
	} else {
		add("value", g.ValueText)
	}
	if fields["value_max"] {
		if g.HasMax {
			add("value_max", formatFloat(g.ValueMax))
		} else {
			add("value_max", "")
		}
	}
	add("unit", g.Unit)
	add("dimension", g.Dimension)
	add("qualifier", g.Qualifier)
	add("change", g.Change)
	add("basis", g.Basis)
	add("period", g.Period)
	add("indicator", g.Indicator)
	add("subject", g.Subject)
	add("granularity", g.Granularity)
	add("type", g.Type)
	add("normalized", g.Normalized)
	add("region_code", g.RegionCode)
	add("rule", g.Rule)
	return "{" + strings.Join(parts, ", ") + "}"
}

// quote leaves plain words bare and quotes what YAML would misread.
func quote(s string) string {
	if s == "" || strings.ContainsAny(s, ",:{}[]\"' #") {
		return strconv.Quote(s)
	}
	return s
}
