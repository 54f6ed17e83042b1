package rules

import "regexp"

// Rule is one rule as written in a rule file.
type Rule struct {
	// ID names the rule in output columns, explain and overrides. Ids are
	// dotted, lowercase: "unit.currency", "time.year".
	ID string `yaml:"id"`
	// Kind says what the rule does; it must be one of [Kinds].
	Kind string `yaml:"kind"`
	// Priority breaks ties between overlapping candidates of one stage;
	// higher wins. Default 0.
	Priority int `yaml:"priority"`
	// Doc is a one-line description for `rules list` and explain.
	Doc string `yaml:"doc"`
	// Pattern is an RE2 regular expression matched against the normalized
	// text, for kinds that match patterns.
	Pattern string `yaml:"pattern"`
	// Boundary, when true, keeps only pattern matches that start and end
	// on gse token boundaries.
	Boundary bool `yaml:"boundary"`
	// Call names the Go conversion applied to a pattern match (see the
	// kind's calls).
	Call string `yaml:"call"`
	// Value is the value given to every match of the rule when its terms
	// do not set one (a qualifier, a change, an entity type …).
	Value string `yaml:"value"`
	// Terms is the rule's vocabulary.
	Terms []Term `yaml:"terms"`
	// List names a list file (a gazetteer), relative to the rule file.
	List string `yaml:"list"`
	// Examples must produce the records they list.
	Examples []Example `yaml:"examples"`
	// Not lists sentences in which the rule's stage must find nothing.
	Not []string `yaml:"not"`
	// Todo lists examples for known gaps: run and reported, never failing.
	Todo []Example `yaml:"todo"`
	// NotLines holds the line of each Not sentence, for reports.
	NotLines []int `yaml:"-"`

	// File, Line and Col locate the rule in its file.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
	Col  int    `yaml:"-"`
	// Order is the rule's position in load order; it breaks the last ties.
	Order int `yaml:"-"`
	// Builtin reports whether the rule came from the embedded rule set.
	Builtin bool `yaml:"-"`

	re *regexp.Regexp
}

// Regexp returns the compiled Pattern, or nil when the rule has none.
func (r *Rule) Regexp() *regexp.Regexp { return r.re }

// Term is one entry of a rule's vocabulary.
type Term struct {
	// Words are the written forms that mean the same thing. A file may
	// give one word as a plain string (words: 标准箱).
	Words Words `yaml:"words"`
	// Value is the canonical value the words stand for: a unit code
	// (CNY, m2), a qualifier (approx), a change (increase), a basis (yoy),
	// an entity type (ORG) …
	Value string `yaml:"value"`
	// Dimension is a unit's dimension (currency, area, count …).
	Dimension string `yaml:"dimension"`
	// Factor scales a number written with the words into the canonical
	// unit (万元 → 10000). Zero means 1.
	Factor float64 `yaml:"factor"`
	// Position says where a qualifier stands: before or after the number.
	Position string `yaml:"position"`
	// Normalized is the canonical name an alias stands for.
	Normalized string `yaml:"normalized"`
	// Code is a region code (GB/T 2260) or another identifier.
	Code string `yaml:"code"`
}

// Example is a sentence and the records a rule set must find in it.
type Example struct {
	Text string `yaml:"text"`
	Want []Want `yaml:"want"`

	// Line and Col locate the example in its rule's file, for reports.
	Line int `yaml:"-"`
	Col  int `yaml:"-"`
}

// Want is one expected record. Only the fields that are set are compared.
type Want struct {
	Text        string   `yaml:"text"`
	Value       any      `yaml:"value"` // a number for quantities, a string for times
	ValueMax    *float64 `yaml:"value_max"`
	Unit        string   `yaml:"unit"`
	Dimension   string   `yaml:"dimension"`
	Qualifier   string   `yaml:"qualifier"`
	Change      string   `yaml:"change"`
	Basis       string   `yaml:"basis"`
	Period      string   `yaml:"period"`
	Indicator   string   `yaml:"indicator"`
	Subject     string   `yaml:"subject"`
	Granularity string   `yaml:"granularity"`
	Type        string   `yaml:"type"`
	Normalized  string   `yaml:"normalized"`
	RegionCode  string   `yaml:"region_code"`
	Rule        string   `yaml:"rule"`
}

// Stage returns the stage of the rule's kind.
func (r *Rule) Stage() Stage {
	if k, ok := kindByName[r.Kind]; ok {
		return k.Stage
	}
	return ""
}

// Words is a list of written forms. In a file it is a list or, for one
// word, a plain string, so that `words: 标准箱` reads as a rule author
// means it.
type Words []string

// UnmarshalYAML accepts a string or a list of strings.
func (w *Words) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*w = Words{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return err
	}
	*w = many
	return nil
}
