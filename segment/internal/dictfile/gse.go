package dictfile

import (
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/go-ego/gse"
)

// GsePath is the module path of gse, whose version a [Header] records.
const GsePath = "github.com/go-ego/gse"

// Base loads gse's embedded simplified and traditional Chinese
// dictionaries with LoadDictEmbed, the input of the compact dictionary.
// It takes seconds.
func Base() (*gse.Segmenter, error) {
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictEmbed(); err != nil {
		return nil, fmt.Errorf("gse dictionary: %w", err)
	}
	return seg, nil
}

// Reference loads gse the slow, reference way: the domain dictionary
// first, so that its entries take priority (gse keeps the first entry of
// a word), then gse's embedded dictionaries with LoadDictEmbed. Package
// segment promises the tokens this segmenter's Segment returns. It takes
// seconds.
func Reference(domain string) (*gse.Segmenter, error) {
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictStr(domain); err != nil {
		return nil, fmt.Errorf("domain dictionary: %w", err)
	}
	if err := seg.LoadDictEmbed(); err != nil {
		return nil, fmt.Errorf("gse dictionary: %w", err)
	}
	return seg, nil
}

// Entries returns the words of seg's dictionary in the order gse added
// them. It fails if a frequency is not a whole number in [1, 2³²) or a
// word's key would split into different words when added again.
func Entries(seg *gse.Segmenter) ([]Entry, error) {
	toks := seg.Dict.Tokens
	out := make([]Entry, 0, len(toks))
	for i := range toks {
		t := &toks[i]
		f := t.Freq()
		if f < 1 || f != math.Trunc(f) || f > math.MaxUint32 {
			return nil, fmt.Errorf("dictfile: %q: frequency %v is not a whole number in [1, 2³²)", t.Text(), f)
		}
		key := t.Text()
		if again := gse.Join(seg.SplitTextToWords([]byte(key))); again != key {
			return nil, fmt.Errorf("dictfile: %q: words change when split again (%q)", key, again)
		}
		out = append(out, Entry{Key: key, Freq: uint64(f), Pos: t.Pos()})
	}
	return out, nil
}

// Sorted returns entries sorted by key, failing on a duplicate key.
func Sorted(entries []Entry) ([]Entry, error) {
	out := slices.Clone(entries)
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	for i := 1; i < len(out); i++ {
		if out[i].Key == out[i-1].Key {
			return nil, fmt.Errorf("dictfile: duplicate key %q", out[i].Key)
		}
	}
	return out, nil
}

// GseVersion returns the version of gse linked into the running program,
// or "" when the build information does not say.
func GseVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, m := range bi.Deps {
		if m.Path == GsePath {
			if m.Replace != nil {
				return m.Replace.Version
			}
			return m.Version
		}
	}
	return ""
}
