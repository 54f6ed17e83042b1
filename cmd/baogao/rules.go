package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/rules"
)

func newRulesCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "rules",
		Short: "Test and list the rule files",
		Long: `Rules are YAML files: the built-in ones, plus a folder of your own given
with --rules, whose rules add to the built-in ones and replace those with
the same id. See 'baogao rules test --help' and the rules package's
documentation for the format.`,
	}
	c.AddCommand(newRulesTestCmd(), newRulesListCmd())
	return c
}

// ruleDir returns the rule folder given as the one argument or --rules.
func ruleDir(args []string, flag string) (string, error) {
	if len(args) == 1 {
		if flag != "" && flag != args[0] {
			return "", usageError{fmt.Errorf("give the rule folder once: %s or --rules %s", args[0], flag)}
		}
		return args[0], nil
	}
	return flag, nil
}

// loadRuleSet loads the rule set, making a broken one a usage error that
// lists every file:line:col problem.
func loadRuleSet(dir string) (*rules.Set, error) {
	set, err := rules.Load(dir)
	if errors.Is(err, rules.ErrInvalid) {
		return nil, usageError{fmt.Errorf("the rule set is broken:\n%w", err)}
	}
	return set, err
}

func newRulesTestCmd() *cobra.Command {
	var dir string
	var todo, user bool
	c := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run every rule's examples and report the ones that fail",
		Long: `test loads the built-in rules plus the rules in DIR (or --rules DIR) and runs
every example, not sentence and todo of every rule through the full
pipeline:

  - an example passes when each record it wants is found with the fields
    it sets (value within a relative 1e-9; rule, when set, must match);
    other records are fine;
  - a not sentence passes when nothing of its rule's stage is found;
  - todo examples are known gaps: counted, shown with --todo, never failing.

It prints a line per failure,
  file:line: rule-id: example "…": want …; got …
and closes with "N passed, N failed" (and ", N todo"). The exit status is
0 when everything passed, 1 when an example failed, and 2 when the rule
set does not load; then every problem is listed as file:line:col.`,
		Example: "  baogao rules test\n  baogao rules test myrules/ --todo",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := ruleDir(args, dir)
			if err != nil {
				return err
			}
			if user && d == "" {
				return usageError{errors.New("--user needs a rule folder")}
			}
			return rulesTest(cmd.OutOrStdout(), d, todo, user)
		},
	}
	c.Flags().StringVar(&dir, "rules", "", "folder of rule files that add to and override the built-in rules")
	c.Flags().BoolVar(&todo, "todo", false, "also show each todo example and whether it holds yet")
	c.Flags().BoolVar(&user, "user", false, "run only the examples of the rule folder's rules")
	return c
}

func rulesTest(w io.Writer, dir string, todo, user bool) error {
	if _, err := loadRuleSet(dir); err != nil {
		return err
	}
	seg, set, pipe, err := loadEngine(dir)
	if err != nil {
		return err
	}
	rs := set.Rules()
	if user {
		rs = slices.DeleteFunc(slices.Clone(rs), func(r *rules.Rule) bool { return r.Builtin })
	}
	rep := rules.TestRules(rs, extract.RuleRunner(seg, pipe))
	for _, f := range rep.Failures {
		fmt.Fprintln(w, f.String())
	}
	if todo {
		for _, t := range rep.Todos {
			fmt.Fprintln(w, t.String())
		}
	}
	fmt.Fprintln(w, rep.Summary())
	if !rep.OK() {
		return partialError{}
	}
	return nil
}

func newRulesListCmd() *cobra.Command {
	var dir string
	var asJSON, user bool
	c := &cobra.Command{
		Use:   "list [DIR]",
		Short: "List every rule: id, kind, stage, priority, examples, file:line",
		Long: `list shows the rules of the built-in set plus DIR (or --rules DIR), grouped
by kind in the order the kinds are documented, highest priority first.

With --json it writes one JSON array of objects with the keys id, kind,
stage, priority, examples, not, todo, file, line, builtin and doc.`,
		Example: "  baogao rules list\n  baogao rules list --rules myrules/ --json",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := ruleDir(args, dir)
			if err != nil {
				return err
			}
			set, err := loadRuleSet(d)
			if err != nil {
				return err
			}
			if user && d == "" {
				return usageError{errors.New("--user needs a rule folder")}
			}
			return rulesList(cmd.OutOrStdout(), set, asJSON, user)
		},
	}
	c.Flags().StringVar(&dir, "rules", "", "folder of rule files that add to and override the built-in rules")
	c.Flags().BoolVar(&asJSON, "json", false, "write JSON")
	c.Flags().BoolVar(&user, "user", false, "list only the rule folder's rules")
	return c
}

// ruleInfo is a rule as `rules list --json` writes it.
type ruleInfo struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Stage    string `json:"stage"`
	Priority int    `json:"priority"`
	Examples int    `json:"examples"`
	Not      int    `json:"not"`
	Todo     int    `json:"todo"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Builtin  bool   `json:"builtin"`
	Doc      string `json:"doc"`
}

// listed returns the set's rules by kind, in the order of rules.Kinds,
// each kind's highest priority first.
func listed(set *rules.Set) []ruleInfo {
	out := []ruleInfo{}
	for _, k := range rules.Kinds {
		for _, r := range set.OfKind(k.Name) {
			out = append(out, ruleInfo{ID: r.ID, Kind: r.Kind, Stage: string(r.Stage()), Priority: r.Priority,
				Examples: len(r.Examples), Not: len(r.Not), Todo: len(r.Todo), File: r.File, Line: r.Line,
				Builtin: r.Builtin, Doc: r.Doc})
		}
	}
	return out
}

func rulesList(w io.Writer, set *rules.Set, asJSON, user bool) error {
	rs := listed(set)
	if user {
		rs = slices.DeleteFunc(rs, func(r ruleInfo) bool { return r.Builtin })
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rs)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTAGE\tPRIORITY\tEXAMPLES\tFILE:LINE")
	for _, r := range rs {
		ex := fmt.Sprint(r.Examples)
		var extra []string
		if r.Not > 0 {
			extra = append(extra, fmt.Sprintf("%d not", r.Not))
		}
		if r.Todo > 0 {
			extra = append(extra, fmt.Sprintf("%d todo", r.Todo))
		}
		if len(extra) > 0 {
			ex += " (" + strings.Join(extra, ", ") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s:%d\n", r.ID, r.Kind, r.Stage, r.Priority, ex, r.File, r.Line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	n, u := len(rs), 0
	for _, r := range rs {
		if !r.Builtin {
			u++
		}
	}
	if u > 0 {
		_, err := fmt.Fprintf(w, "%d rules, %d of them from the rule folder\n", n, u)
		return err
	}
	_, err := fmt.Fprintf(w, "%d rules\n", n)
	return err
}
