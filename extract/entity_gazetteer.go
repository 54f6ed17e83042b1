package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/baogao/baogao/rules"
)

// gazEntry is one name of a gazetteer list: a division, a place or an
// organisation.
type gazEntry struct {
	name   string // canonical name (北碚区)
	code   string // GB/T 2260 code, or ""
	parent string // the parent division's code, or ""
	typ    string // ORG, LOC …
	rule   *rules.Rule
}

// level is 1 for a province, 2 for a prefecture-level city, 3 for a
// county-level division, 0 for a name without a code.
func (e *gazEntry) level() int {
	switch {
	case e.code == "":
		return 0
	case strings.HasSuffix(e.code, "0000"):
		return 1
	case strings.HasSuffix(e.code, "00"):
		return 2
	}
	return 3
}

// gazRef is one reading of a written form: the entry it names and
// whether the form is a short one.
type gazRef struct {
	e     *gazEntry
	short bool
}

// gazetteer finds the names of the gazetteer lists in text.
type gazetteer struct {
	idx    *wordIndex
	refs   [][]gazRef // by payload
	byCode map[string]*gazEntry
	// alias maps an organisation's short form to its entry, to expand it
	// at the start of a longer name (中科院… → 中国科学院…).
	alias map[string]*gazEntry
}

func newGazetteer() *gazetteer {
	return &gazetteer{idx: newWordIndex(), byCode: map[string]*gazEntry{}, alias: map[string]*gazEntry{}}
}

// load adds the names of a gazetteer rule's list file: name, code, parent
// code and comma-separated short forms, tab-separated, # comments.
func (g *gazetteer) load(r *rules.Rule, data []byte) error {
	typ := r.Value
	if typ == "" {
		typ = "LOC"
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if strings.TrimSpace(f[0]) == "" {
			return fmt.Errorf("%s: %s:%d: empty name", r.ID, r.List, line)
		}
		for len(f) < 4 {
			f = append(f, "")
		}
		e := &gazEntry{name: strings.TrimSpace(f[0]), code: strings.TrimSpace(f[1]), parent: strings.TrimSpace(f[2]), typ: typ, rule: r}
		if e.code != "" {
			g.byCode[e.code] = e
		}
		g.add(e.name, gazRef{e: e})
		for _, s := range strings.Split(f[3], ",") {
			if s = strings.TrimSpace(s); s != "" {
				g.add(s, gazRef{e: e, short: true})
				if typ == "ORG" {
					g.alias[s] = e
				}
			}
		}
	}
	return sc.Err()
}

func (g *gazetteer) add(form string, ref gazRef) {
	if id := g.idx.lookup(form); id >= 0 {
		g.refs[g.idx.data[id]] = append(g.refs[g.idx.data[id]], ref)
		return
	}
	g.idx.add(form, len(g.refs))
	g.refs = append(g.refs, []gazRef{ref})
}

// lookup returns the readings of exactly the form, or nil.
func (g *gazetteer) lookup(form string) []gazRef {
	if id := g.idx.lookup(form); id >= 0 {
		return g.refs[g.idx.data[id]]
	}
	return nil
}

// pick chooses the one reading of an ambiguous form that needs no
// context: the only full name among them (吉林省's short form 吉林 yields
// to a text that writes 吉林市), else the only province (海南).
func pick(refs []gazRef) *gazEntry {
	if len(refs) == 1 {
		return refs[0].e
	}
	var full []gazRef
	for _, r := range refs {
		if !r.short {
			full = append(full, r)
		}
	}
	if len(full) == 1 {
		return full[0].e
	}
	var prov *gazEntry
	n := 0
	for _, r := range refs {
		if r.e.level() == 1 {
			prov = r.e
			n++
		}
	}
	if n == 1 {
		return prov
	}
	return nil
}
