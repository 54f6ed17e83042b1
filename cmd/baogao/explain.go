package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

type explainFlags struct {
	file     string
	rulesDir string
	asJSON   bool
}

func newExplainCmd() *cobra.Command {
	var f explainFlags
	c := &cobra.Command{
		Use:   "explain [TEXT | -f FILE | -]",
		Short: "Show what baogao finds in a text, and which rule found it",
		Long: `explain runs the whole pipeline over TEXT (or the file given with -f, or
standard input for -) and shows each step: the normalized text after
layout repair, each sentence's tokens with their part of speech, and each
record with the rule that produced it and the candidates it beat.

Offsets are Unicode character offsets into the normalized text, as in the
output tables.

With --json it writes one JSON object:
  {"text": "…",                       normalized text
   "traced": true,                    whether the extractors reported candidates
   "sentences": [{"index", "paragraph", "start", "end", "text",
     "tokens":  [{"start", "end", "text", "pos"}],
     "records": [{"stage", "start", "end", "text", "value", "value_max",
                  "unit", "dimension", "qualifier", "change", "basis",
                  "period", "indicator", "subject", "granularity", "type",
                  "normalized", "region_code", "rule",
                  "beat": [{"start", "end", "text", "rule", "reason"}]}]}],
   "unplaced": [{"start", "end", "text", "rule", "reason"}]}
Fields that do not apply to a record's stage are left out; "value" is a
number for quantities and a string for times; "unplaced" lists candidates
that lost to no record shown (left out when empty).`,
		Example: `  baogao explain 全区实现利润36.83亿元，同比增长15%
  baogao explain -f report.txt --rules myrules/
  echo 近300家企业 | baogao explain - --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			raw, err := explainInput(cmd.InOrStdin(), args, f.file)
			if err != nil {
				return err
			}
			return explain(cmd.OutOrStdout(), raw, f)
		},
	}
	c.Flags().StringVarP(&f.file, "file", "f", "", "read the text from FILE")
	c.Flags().StringVar(&f.rulesDir, "rules", "", "folder of rule files that add to and override the built-in rules")
	c.Flags().BoolVar(&f.asJSON, "json", false, "write JSON")
	return c
}

func explainInput(stdin io.Reader, args []string, file string) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", usageError{errors.New("give a TEXT or -f FILE, not both")}
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		text, _, err := corpus.Decode(b)
		return text, err
	case len(args) == 0:
		return "", usageError{errors.New("give a TEXT to explain, -f FILE, or - for standard input")}
	case args[0] == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", err
		}
		text, _, err := corpus.Decode(b)
		return text, err
	}
	return args[0], nil
}

// explanation is what `explain --json` writes; see the command's help.
type explanation struct {
	Text      string            `json:"text"`
	Traced    bool              `json:"traced"`
	Sentences []explainSentence `json:"sentences"`
	Unplaced  []explainCand     `json:"unplaced,omitempty"`
}

type explainSentence struct {
	Index     int             `json:"index"`
	Paragraph int             `json:"paragraph"`
	Start     int             `json:"start"`
	End       int             `json:"end"`
	Text      string          `json:"text"`
	Tokens    []explainToken  `json:"tokens"`
	Records   []explainRecord `json:"records"`
}

type explainToken struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Pos   string `json:"pos"`
}

type explainRecord struct {
	Stage       string        `json:"stage"`
	Start       int           `json:"start"`
	End         int           `json:"end"`
	Text        string        `json:"text"`
	Value       any           `json:"value,omitempty"`
	ValueMax    *float64      `json:"value_max,omitempty"`
	Unit        string        `json:"unit,omitempty"`
	Dimension   string        `json:"dimension,omitempty"`
	Qualifier   string        `json:"qualifier,omitempty"`
	Change      string        `json:"change,omitempty"`
	Basis       string        `json:"basis,omitempty"`
	Period      string        `json:"period,omitempty"`
	Indicator   string        `json:"indicator,omitempty"`
	Subject     string        `json:"subject,omitempty"`
	Granularity string        `json:"granularity,omitempty"`
	Type        string        `json:"type,omitempty"`
	Normalized  string        `json:"normalized,omitempty"`
	RegionCode  string        `json:"region_code,omitempty"`
	Rule        string        `json:"rule"`
	Beat        []explainCand `json:"beat,omitempty"`

	byteStart, byteEnd int
}

type explainCand struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Rule   string `json:"rule"`
	Reason string `json:"reason,omitempty"`
}

func explain(w io.Writer, raw string, f explainFlags) error {
	seg, _, pipe, err := loadEngine(f.rulesDir)
	if err != nil {
		return err
	}
	return writeExplanation(w, explainText(seg, pipe, raw), f.asJSON, useColor(w))
}

// explainText runs the pipeline over raw and gathers what explain shows.
func explainText(seg *segment.Segmenter, pipe *extract.Pipeline, raw string) explanation {
	doc := corpus.NewDocument(raw)
	spans := make([]segment.Span, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		spans[i] = segment.Span{Start: p.Start, End: p.End}
	}
	d := pipe.Segment(seg, doc.Text, spans)
	view, sents := d.Text, d.Sentences
	var trace []extract.Candidate
	recs := extract.Records{Trace: &trace}
	pipe.ExtractInto(d, &recs)

	cp := newRuneIndex(doc.Text)
	ex := explanation{Text: doc.Text, Traced: len(trace) > 0, Sentences: []explainSentence{}}
	flat := extract.Flatten(&recs)
	placed := make([]bool, len(trace))
	for i, s := range sents {
		es := explainSentence{Index: i, Paragraph: s.Paragraph, Start: cp.at(s.Start), End: cp.at(s.End),
			Text: doc.Text[s.Start:s.End], Tokens: []explainToken{}, Records: []explainRecord{}}
		for _, t := range s.Tokens {
			es.Tokens = append(es.Tokens, explainToken{Start: cp.at(t.Start), End: cp.at(t.End), Text: doc.Text[t.Start:t.End], Pos: t.Pos})
		}
		for _, r := range flat {
			if r.Start < s.Start || r.Start >= s.End {
				continue
			}
			er := recordOf(r, cp)
			for j, c := range trace {
				if !placed[j] && !c.Won && c.LostTo == r.Rule && c.LostToText == view[r.Start:r.End] && c.Start < r.End && r.Start < c.End {
					placed[j] = true
					// The same rule finding the same span twice is no
					// news to a rule author.
					if c.Rule != r.Rule || c.Start != r.Start || c.End != r.End {
						er.Beat = append(er.Beat, candOf(c, cp))
					}
				}
			}
			es.Records = append(es.Records, er)
		}
		ex.Sentences = append(ex.Sentences, es)
	}
	for j, c := range trace {
		if !placed[j] && !c.Won {
			ex.Unplaced = append(ex.Unplaced, candOf(c, cp))
		}
	}
	return ex
}

func recordOf(r rules.Record, cp runeIndex) explainRecord {
	er := explainRecord{Stage: string(r.Stage), Start: cp.at(r.Start), End: cp.at(r.End), Text: r.Text,
		Unit: r.Unit, Dimension: r.Dimension, Qualifier: r.Qualifier, Change: r.Change, Basis: r.Basis,
		Period: r.Period, Indicator: r.Indicator, Subject: r.Subject, Granularity: r.Granularity,
		Type: r.Type, Normalized: r.Normalized, RegionCode: r.RegionCode, Rule: r.Rule}
	switch r.Stage {
	case rules.StageQuantity:
		er.Value = r.Value
		if r.HasMax {
			m := r.ValueMax
			er.ValueMax = &m
		}
	case rules.StageTime:
		if r.ValueText != "" {
			er.Value = r.ValueText
		}
	}
	return er
}

func candOf(c extract.Candidate, cp runeIndex) explainCand {
	return explainCand{Start: cp.at(c.Start), End: cp.at(c.End), Text: c.Text, Rule: c.Rule, Reason: c.Reason}
}

// runeIndex converts byte offsets of a text into character offsets.
type runeIndex []int

func newRuneIndex(s string) runeIndex {
	idx := make(runeIndex, len(s)+1)
	n := 0
	for i := range len(s) {
		idx[i] = n // rune starts before i: the index of the rune at i
		if utf8.RuneStart(s[i]) {
			n++
		}
	}
	idx[len(s)] = n
	return idx
}

func (r runeIndex) at(off int) int {
	if off < 0 {
		return 0
	}
	if off >= len(r) {
		return r[len(r)-1]
	}
	return r[off]
}

// useColor reports whether to colour output for w: only on a terminal,
// and never when NO_COLOR is set to anything (https://no-color.org).
func useColor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func writeExplanation(w io.Writer, ex explanation, asJSON, colour bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(ex)
	}
	paint := func(attrs ...color.Attribute) func(string) string {
		c := color.New(attrs...)
		if colour {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return func(s string) string { return c.Sprint(s) }
	}
	head, dim, rule, lost := paint(color.Bold), paint(color.Faint), paint(color.FgCyan), paint(color.FgYellow)
	stage := map[string]func(string) string{
		"time": paint(color.FgMagenta, color.Bold), "entity": paint(color.FgBlue, color.Bold), "quantity": paint(color.FgGreen, color.Bold),
	}

	var b strings.Builder
	fmt.Fprintln(&b, head("normalized text"))
	for line := range strings.SplitSeq(ex.Text, "\n") {
		fmt.Fprintf(&b, "  %s\n", line)
	}
	for _, s := range ex.Sentences {
		fmt.Fprintf(&b, "\n%s %s\n", head(fmt.Sprintf("sentence %d", s.Index+1)), dim(fmt.Sprintf("[%d:%d] paragraph %d", s.Start, s.End, s.Paragraph+1)))
		var toks []string
		for _, t := range s.Tokens {
			toks = append(toks, t.Text+dim("/"+t.Pos))
		}
		fmt.Fprintf(&b, "  tokens  %s\n", strings.Join(toks, " "))
		if len(s.Records) == 0 {
			fmt.Fprintf(&b, "  %s\n", dim("(no records)"))
		}
		for _, r := range s.Records {
			fmt.Fprintf(&b, "  %s %s %s  %s  %s\n", stage[r.Stage](fmt.Sprintf("%-8s", r.Stage)), r.Text,
				dim(fmt.Sprintf("[%d:%d]", r.Start, r.End)), fields(r), rule(r.Rule))
			for _, c := range r.Beat {
				fmt.Fprintf(&b, "      %s %s %s %s: %s\n", lost("beat"), c.Text, dim(fmt.Sprintf("[%d:%d]", c.Start, c.End)), rule(c.Rule), c.Reason)
			}
		}
	}
	if len(ex.Unplaced) > 0 {
		fmt.Fprintf(&b, "\n%s\n", head("other candidates that lost"))
		for _, c := range ex.Unplaced {
			fmt.Fprintf(&b, "  %s %s %s: %s\n", c.Text, dim(fmt.Sprintf("[%d:%d]", c.Start, c.End)), rule(c.Rule), c.Reason)
		}
	}
	if !ex.Traced {
		fmt.Fprintf(&b, "\n%s\n", dim("(no trace: the extractors reported no candidates, so beaten candidates are not shown)"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// fields writes a record's set fields as key=value, in a fixed order.
func fields(r explainRecord) string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	switch v := r.Value.(type) {
	case float64:
		add("value", strconv.FormatFloat(v, 'f', -1, 64))
	case string:
		add("value", v)
	}
	if r.ValueMax != nil {
		add("value_max", strconv.FormatFloat(*r.ValueMax, 'f', -1, 64))
	}
	add("unit", r.Unit)
	add("dimension", r.Dimension)
	add("qualifier", r.Qualifier)
	add("change", r.Change)
	add("basis", r.Basis)
	add("period", r.Period)
	add("indicator", r.Indicator)
	add("subject", r.Subject)
	add("granularity", r.Granularity)
	add("type", r.Type)
	add("normalized", r.Normalized)
	add("region_code", r.RegionCode)
	return strings.Join(parts, " ")
}
