package rules

import (
	"fmt"
	"testing"
)

func TestBuiltinLoads(t *testing.T) {
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rules()) == 0 {
		t.Fatal("no built-in rules")
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // every error, one per line
	}{
		{
			name: "valid, words as one string",
			src: `rules:
  - id: unit.teu
    kind: unit
    terms:
      - {words: 标准箱, value: 标准箱, dimension: count}
`,
		},
		{
			name: "unknown key",
			src: `rules:
  - id: unit.teu
    kind: unit
    wrods: [x]
    terms:
      - {words: [标准箱], value: 标准箱, dimension: count}
`,
			want: `f.yaml:4:5: unit.teu: unknown field "wrods"`,
		},
		{
			name: "unknown kind",
			src: `rules:
  - id: x
    kind: units
`,
			want: "f.yaml:3:5: x: unknown kind \"units\" (known: " + kindNames() + ")",
		},
		{
			name: "bad pattern and call",
			src: `rules:
  - id: time.x
    kind: time
    pattern: "([0-9]+年"
    call: yesr
`,
			want: "f.yaml:4:5: time.x: pattern: error parsing regexp: missing closing ): `([0-9]+年`\n" +
				"f.yaml:5:5: time.x: unknown call \"yesr\" for kind time (known: year, year_part, month, date, range, plan_period, relative, quarter, half)",
		},
		{
			name: "unit without dimension, bad qualifier value",
			src: `rules:
  - id: unit.x
    kind: unit
    terms:
      - {words: [箱], value: box}
  - id: qual.x
    kind: qualifier
    terms:
      - {words: [约], value: about}
`,
			want: "f.yaml:4:5: unit.x: term 1: a unit needs value (the canonical unit) and dimension\n" +
				"f.yaml:8:5: qual.x: term 1: value \"about\" is not one of approx, at_least, nearly, over, under",
		},
		{
			name: "want mixing stages",
			src: `rules:
  - id: unit.x
    kind: unit
    terms:
      - {words: [箱], value: 箱, dimension: count}
    examples:
      - text: 3箱
        want: [{text: 3箱, unit: 箱, granularity: year}]
`,
			want: "f.yaml:6:5: unit.x: example 1, want 1: want mixes unit (a quantity field) and granularity (a time field)",
		},
		{
			name: "bad id, no words",
			src: `rules:
  - id: Unit X
    kind: measure
    terms:
      - {value: 个}
`,
			want: "f.yaml:2:5: Unit X: id \"Unit X\": use lowercase letters, digits, '.', '_' and '-'\n" +
				"f.yaml:4:5: Unit X: term 1 has no words",
		},
		{
			name: "not a rule file",
			src:  "units: [元]\n",
			want: `f.yaml:1:1: unknown key "units": a rule file has only rules:`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs ErrorList
			decodeFile("f.yaml", []byte(tt.src), &errs)
			got := ""
			if err := errs.Err(); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestExampleLines(t *testing.T) {
	s, err := Load("testdata/harness")
	if err != nil {
		t.Fatal(err)
	}
	r := s.Rule("unit.test")
	var got []int
	for _, ex := range r.Examples {
		got = append(got, ex.Line)
	}
	got = append(got, r.NotLines...)
	for _, ex := range r.Todo {
		got = append(got, ex.Line)
	}
	want := []int{7, 9, 11, 13, 15, 17, 18, 19, 19, 19, 21, 23}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got lines %v; want %v", got, want)
	}
	if w := r.Terms[0].Words; len(w) != 1 || w[0] != "元" {
		t.Errorf("got words %q; want [元]", w)
	}
}
