package rules

import (
	"os"
	"strings"
	"testing"
)

// fakeRunner returns fixed records for each text.
type fakeRunner map[string][]Record

func (f fakeRunner) Run(text string) []Record { return f[text] }

var (
	recProfit = Record{Stage: StageQuantity, Text: "36.83亿元", Value: 3683000000.000001, Unit: "CNY", Dimension: "currency", Rule: "unit.test"}
	recThird  = Record{Stage: StageQuantity, Text: "约三分之一", Value: 100.0 / 3, Unit: "percent", Rule: "unit.test"}
	recPct    = Record{Stage: StageQuantity, Text: "15%", Value: 15, Unit: "percent", Rule: "unit.test"}
	recYear   = Record{Stage: StageTime, Text: "2019年", ValueText: "2019", Granularity: "year", Rule: "time.year"}
)

func harnessSet(t *testing.T) *Set {
	t.Helper()
	data, err := os.ReadFile("testdata/harness/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var errs ErrorList
	rs := decodeFile("testdata/harness/rules.yaml", data, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return &Set{rules: rs}
}

func TestHarness(t *testing.T) {
	run := fakeRunner{
		"利润36.83亿元":      {recProfit},
		"约三分之一":          {recThird},
		"增长15%":          {recPct},
		"2019年利润36.83亿元": {recYear, recProfit},
		"2019年元旦":        {recYear},
		"元旦期间":           nil,
	}
	rep := Test(harnessSet(t), run)
	var got []string
	for _, f := range rep.Failures {
		got = append(got, f.String())
	}
	for _, f := range rep.Todos {
		got = append(got, f.String())
	}
	want := []string{
		`testdata/harness/rules.yaml:11: unit.test: example "增长15%": want {text: 15%, value: 15, change: increase}; got {text: 15%, value: 15, change: ""}`,
		`testdata/harness/rules.yaml:13: unit.test: example "利润36.83亿元": want {text: 36.83亿元, rule: unit.other}; got {text: 36.83亿元, rule: unit.test}`,
		`testdata/harness/rules.yaml:18: unit.test: example "元旦": want some quantity; got nothing of that stage`,
		`testdata/harness/rules.yaml:19: unit.test: not "利润36.83亿元": want no quantity; got {text: 36.83亿元, rule: unit.test}`,
		`testdata/harness/rules.yaml:21: unit.test: todo "利润36.83亿元": passes now; move it to examples`,
		`testdata/harness/rules.yaml:23: unit.test: todo "元旦": want {text: 元旦}; got nothing`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := rep.Summary(), "6 passed, 4 failed, 2 todo"; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestWantMatches(t *testing.T) {
	max := 20.0
	tests := []struct {
		name string
		want Want
		rec  Record
		ok   bool
	}{
		{"text only", Want{Text: "15%"}, recPct, true},
		{"value exact", Want{Value: uint64(15)}, recPct, true},
		{"value relative 1e-9", Want{Value: 3683000000.0}, recProfit, true},
		{"value off by 1e-6", Want{Value: 3683004000.0}, recProfit, false},
		{"value as string", Want{Value: "15"}, recPct, true},
		{"time value number", Want{Value: uint64(2019)}, recYear, true},
		{"time value string", Want{Value: "2019"}, recYear, true},
		{"time value wrong", Want{Value: "2019-12"}, recYear, false},
		{"unit differs", Want{Unit: "USD"}, recProfit, false},
		{"value_max missing", Want{ValueMax: &max}, recPct, false},
		{"value_max", Want{ValueMax: &max}, Record{Stage: StageQuantity, HasMax: true, ValueMax: 20}, true},
		{"rule", Want{Rule: "unit.test"}, recPct, true},
		{"rule differs", Want{Rule: "unit.x"}, recPct, false},
		{"multi-byte", Want{Text: "约三分之一", Unit: "percent"}, recThird, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.want.Matches(tt.rec); got != tt.ok {
				t.Errorf("%v.Matches(%+v) = %v; want %v", tt.want, tt.rec, got, tt.ok)
			}
		})
	}
}

func TestWantStage(t *testing.T) {
	tests := []struct {
		name string
		want Want
		st   Stage
		err  string
	}{
		{"text only", Want{Text: "x"}, "", ""},
		{"quantity", Want{Unit: "CNY", Qualifier: "approx"}, StageQuantity, ""},
		{"time", Want{Value: "2019", Granularity: "year"}, StageTime, ""},
		{"entity", Want{Type: "ORG"}, StageEntity, ""},
		{"mixed", Want{Unit: "CNY", Granularity: "year"}, "", "want mixes unit (a quantity field) and granularity (a time field)"},
		{"bad value", Want{Value: []any{1}}, "", "want value must be a number or a string, not []interface {}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := tt.want.wantStage()
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if st != tt.st || gotErr != tt.err {
				t.Errorf("got %q, %q; want %q, %q", st, gotErr, tt.st, tt.err)
			}
		})
	}
}
