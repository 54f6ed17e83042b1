package rules

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

//go:embed builtin
var builtinFS embed.FS

// Set is a loaded, validated rule set.
type Set struct {
	rules  []*Rule
	byID   map[string]*Rule
	byKind map[string][]*Rule
	lists  map[*Rule][]byte
	hash   string
}

// Builtin loads the embedded rule set.
func Builtin() (*Set, error) { return Load("") }

// Load loads the embedded rules and, when userDir is not "", every
// .yaml/.yml file below userDir. A user rule with the id of a built-in
// rule replaces it. Every problem in every file is reported together in
// an [ErrorList].
func Load(userDir string) (*Set, error) {
	var errs ErrorList
	var all []*Rule
	lists := map[*Rule][]byte{}
	h := sha256.New()

	load := func(fsys fs.FS, root, display string, builtin bool) {
		files, err := ruleFiles(fsys, root)
		if err != nil {
			errs.add(display, 0, 0, "", "%v", err)
			return
		}
		seen := map[string]*Rule{}
		for _, name := range files {
			data, err := fs.ReadFile(fsys, name)
			shown := path.Join(display, strings.TrimPrefix(strings.TrimPrefix(name, root), "/"))
			if err != nil {
				errs.add(shown, 0, 0, "", "%v", err)
				continue
			}
			fmt.Fprintf(h, "%s\x00%d\x00", shown, len(data))
			h.Write(data)
			for _, r := range decodeFile(shown, data, &errs) {
				r.Builtin = builtin
				if prev, dup := seen[r.ID]; dup {
					errs.add(r.File, r.Line, r.Col, r.ID, "duplicate id: first defined at %s:%d", prev.File, prev.Line)
					continue
				}
				seen[r.ID] = r
				if r.List != "" {
					lp := path.Join(path.Dir(name), r.List)
					b, err := fs.ReadFile(fsys, lp)
					if err != nil {
						errs.add(r.File, r.Line, r.Col, r.ID, "list %q: %v", r.List, errors.Unwrap(err))
					} else {
						lists[r] = b
						fmt.Fprintf(h, "%s\x00%d\x00", lp, len(b))
						h.Write(b)
					}
				}
				all = append(all, r)
			}
		}
	}
	load(builtinFS, "builtin", "rules/builtin", true)
	if userDir != "" {
		if st, err := os.Stat(userDir); err != nil {
			errs.add(userDir, 0, 0, "", "rule folder: %v", errors.Unwrap(err))
		} else if !st.IsDir() {
			errs.add(userDir, 0, 0, "", "rule folder: not a folder")
		} else {
			load(os.DirFS(userDir), ".", userDir, false)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	s := &Set{byID: map[string]*Rule{}, byKind: map[string][]*Rule{}, lists: lists, hash: hex.EncodeToString(h.Sum(nil))}
	for _, r := range all {
		if prev, ok := s.byID[r.ID]; ok {
			// A user rule replaces the built-in one in place, so load
			// order (the last tie-break) stays where the built-in was.
			i := slices.Index(s.rules, prev)
			r.Order = prev.Order
			s.rules[i] = r
			s.byID[r.ID] = r
			delete(lists, prev)
			continue
		}
		r.Order = len(s.rules)
		s.rules = append(s.rules, r)
		s.byID[r.ID] = r
	}
	for _, r := range s.rules {
		s.byKind[r.Kind] = append(s.byKind[r.Kind], r)
	}
	for _, rs := range s.byKind {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Priority > rs[j].Priority })
	}
	return s, nil
}

// Rules returns every rule in load order.
func (s *Set) Rules() []*Rule { return s.rules }

// Rule returns the rule with the given id, or nil.
func (s *Set) Rule(id string) *Rule { return s.byID[id] }

// OfKind returns the rules of a kind, highest priority first, then in load
// order.
func (s *Set) OfKind(kind string) []*Rule { return s.byKind[kind] }

// List returns the contents of a rule's list file.
func (s *Set) List(r *Rule) []byte { return s.lists[r] }

// Hash identifies the rule set's content: the same files give the same
// hash, any change gives another. Runs record it so that new rules mean
// reprocessing.
func (s *Set) Hash() string { return s.hash }

func ruleFiles(fsys fs.FS, root string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.\-]*$`)

// decodeFile decodes and validates one rule file, adding every problem to
// errs. It returns the rules that are valid.
func decodeFile(file string, data []byte, errs *ErrorList) []*Rule {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, col := yamlPos(err)
		errs.add(file, line, col, "", "%s", yamlMsg(err))
		return nil
	}
	var out []*Rule
	for _, doc := range f.Docs {
		if doc.Body == nil {
			continue
		}
		m, ok := doc.Body.(*ast.MappingNode)
		if !ok {
			p := doc.Body.GetToken().Position
			errs.add(file, p.Line, p.Column, "", "a rule file is a mapping with one key, rules:")
			continue
		}
		for _, kv := range m.Values {
			key := kv.Key.String()
			if key != "rules" {
				p := kv.Key.GetToken().Position
				errs.add(file, p.Line, p.Column, "", "unknown key %q: a rule file has only rules:", key)
				continue
			}
			seq, ok := kv.Value.(*ast.SequenceNode)
			if !ok {
				p := kv.Value.GetToken().Position
				errs.add(file, p.Line, p.Column, "", "rules: must be a list")
				continue
			}
			for _, n := range seq.Values {
				if r := decodeRule(file, n, errs); r != nil {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

func decodeRule(file string, n ast.Node, errs *ErrorList) *Rule {
	p := n.GetToken().Position
	r := &Rule{File: file, Line: p.Line, Col: p.Column}
	if err := yaml.NodeToValue(n, r, yaml.Strict()); err != nil {
		line, col := yamlPos(err)
		if line == 0 {
			line, col = p.Line, p.Column
		}
		errs.add(file, line, col, r.ID, "%s", yamlMsg(err))
		// Decode again leniently so the rule's other problems are
		// reported in the same run.
		if yaml.NodeToValue(n, r) != nil {
			return nil
		}
		validateRule(file, n, r, errs)
		return nil
	}
	if !validateRule(file, n, r, errs) {
		return nil
	}
	locateExamples(n, r)
	return r
}

// locateExamples records where each example, todo and not sentence of a
// rule stands, so that `rules test` can point at the failing one.
func locateExamples(n ast.Node, r *Rule) {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return
	}
	r.NotLines = make([]int, len(r.Not))
	for _, kv := range m.Values {
		seq, ok := kv.Value.(*ast.SequenceNode)
		if !ok {
			continue
		}
		for i, v := range seq.Values {
			p := v.GetToken().Position
			switch kv.Key.String() {
			case "examples":
				if i < len(r.Examples) {
					r.Examples[i].Line, r.Examples[i].Col = p.Line, p.Column
				}
			case "todo":
				if i < len(r.Todo) {
					r.Todo[i].Line, r.Todo[i].Col = p.Line, p.Column
				}
			case "not":
				if i < len(r.NotLines) {
					r.NotLines[i] = p.Line
				}
			}
		}
	}
}

// validateRule checks a decoded rule, compiles its pattern and reports
// whether it is valid.
func validateRule(file string, n ast.Node, r *Rule, errs *ErrorList) bool {
	p := n.GetToken().Position
	before := len(*errs)
	at := func(field string) (int, int) { return fieldPos(n, field, p) }
	bad := func(field, format string, args ...any) {
		l, c := at(field)
		errs.add(file, l, c, r.ID, format, args...)
	}
	if r.ID == "" {
		bad("id", "missing id")
	} else if !idPattern.MatchString(r.ID) {
		bad("id", "id %q: use lowercase letters, digits, '.', '_' and '-'", r.ID)
	}
	k, ok := KindOf(r.Kind)
	if !ok {
		bad("kind", "unknown kind %q (known: %s)", r.Kind, kindNames())
		return false
	}
	for _, need := range k.Needs {
		missing := false
		switch need {
		case "pattern":
			missing = r.Pattern == ""
		case "terms":
			missing = len(r.Terms) == 0
		case "list":
			missing = r.List == ""
		case "call":
			missing = r.Call == ""
		case "value":
			missing = r.Value == ""
		}
		if missing {
			bad(need, "kind %s needs %s:", r.Kind, need)
		}
	}
	if r.Call != "" && !slices.Contains(k.Calls, r.Call) {
		if len(k.Calls) == 0 {
			bad("call", "kind %s takes no call", r.Kind)
		} else {
			bad("call", "unknown call %q for kind %s (known: %s)", r.Call, r.Kind, strings.Join(k.Calls, ", "))
		}
	}
	if r.Pattern != "" {
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			bad("pattern", "pattern: %v", err)
		}
		r.re = re
	}
	if r.Value != "" && len(k.Values) > 0 && !slices.Contains(k.Values, r.Value) {
		bad("value", "value %q is not one of %s", r.Value, strings.Join(k.Values, ", "))
	}
	for i, t := range r.Terms {
		if len(t.Words) == 0 {
			bad("terms", "term %d has no words", i+1)
		}
		for _, w := range t.Words {
			if strings.TrimSpace(w) == "" {
				bad("terms", "term %d has an empty word", i+1)
			}
		}
		if t.Value != "" && len(k.Values) > 0 && !slices.Contains(k.Values, t.Value) {
			bad("terms", "term %d: value %q is not one of %s", i+1, t.Value, strings.Join(k.Values, ", "))
		}
		if t.Factor < 0 {
			bad("terms", "term %d: factor must not be negative", i+1)
		}
		if t.Position != "" && t.Position != "before" && t.Position != "after" {
			bad("terms", "term %d: position %q must be before or after", i+1, t.Position)
		}
		if r.Kind == "unit" && (t.Value == "" || t.Dimension == "") {
			bad("terms", "term %d: a unit needs value (the canonical unit) and dimension", i+1)
		}
		if r.Kind == "unit" && t.Dimension != "" && !slices.Contains(Dimensions, t.Dimension) {
			bad("terms", "term %d: dimension %q is not one of %s", i+1, t.Dimension, strings.Join(Dimensions, ", "))
		}
	}
	for i, ex := range append(slices.Clone(r.Examples), r.Todo...) {
		if strings.TrimSpace(ex.Text) == "" {
			bad("examples", "example %d has no text", i+1)
		}
		for j, w := range ex.Want {
			if _, err := w.wantStage(); err != nil {
				bad("examples", "example %d, want %d: %v", i+1, j+1, err)
			}
		}
	}
	return len(*errs) == before
}

// Dimensions are the quantity dimensions of the table contract.
var Dimensions = []string{"currency", "percent", "ratio", "area", "length", "mass", "energy", "volume", "count", "time", "power"}

func kindNames() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// fieldPos finds the position of a key in a rule's mapping, falling back
// to the rule's own position.
func fieldPos(n ast.Node, field string, def *token.Position) (int, int) {
	if m, ok := n.(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if kv.Key.String() == field {
				p := kv.Key.GetToken().Position
				return p.Line, p.Column
			}
		}
	}
	return def.Line, def.Column
}

func yamlPos(err error) (int, int) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return p.Line, p.Column
	}
	return 0, 0
}

func yamlMsg(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return err.Error()
}
