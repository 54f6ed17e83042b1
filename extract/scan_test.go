package extract

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// TestScannerHits compares a scanner's hits with what each of its sets'
// next finds, from the start and from every rune on, and the sets it
// says they hold with theirs, on random texts of ASCII, two-, three- and
// four-byte runes and broken UTF-8.
func TestScannerHits(t *testing.T) {
	var sets [3]startSet
	for _, r := range "3一万，%\x80\ufffd" {
		sets[0].add(r, r)
	}
	for _, r := range "年月，a\u0800\ud7ff\uffff" {
		sets[1].add(r, r)
	}
	sets[2].add('é', 'é')
	sets[2].add('😀', '😀')
	sets[2].add('二', '二')
	sc, err := newScanner([]*startSet{&sets[0], &sets[1], &sets[2]})
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"3", "a", "一", "二", "万", "年", "月", "，", "。", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xed\x9f\xbf",
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "😀", "é", "\xff", "\xf0\x9f"}
	randomTexts(pieces, 11, 20000, func(text string) {
		hits, in := sc.sentence(text, nil)
		var union uint8
		for _, h := range hits {
			union |= h.sets
		}
		if in != union {
			t.Fatalf("in %q: sets %08b, want %08b", text, in, union)
		}
		for k := range sets {
			bit := uint8(1) << k
			var want []scanHit
			for i := 0; ; {
				at, size, r := sets[k].next(text, i)
				if at == len(text) {
					break
				}
				want = append(want, scanHit{uint32(at), r, uint8(size), bit})
				i = at + size
			}
			var got []scanHit
			for _, h := range hits {
				if h.sets&bit != 0 {
					got = append(got, scanHit{h.at, h.r, h.size, bit})
				}
			}
			if len(got) != len(want) {
				t.Fatalf("set %d in %q: hits %v, want %v", k, text, got, want)
			}
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("set %d in %q: hits %v, want %v", k, text, got, want)
				}
			}
			// From the start of every rune, as decoded from the start,
			// the first hit on is where next stops.
			j := 0
			for i := 0; i < len(text); {
				for j < len(got) && int(got[j].at) < i {
					j++
				}
				at, _, _ := sets[k].next(text, i)
				if j < len(got) && int(got[j].at) != at || j == len(got) && at != len(text) {
					t.Fatalf("set %d in %q from %d: next at %d, hits %v", k, text, i, at, got)
				}
				_, n := utf8.DecodeRuneInString(text[i:])
				i += n
			}
		}
	})
}

// TestSharedScan checks that the pipeline, whose extractors read the
// hits of one scanner, finds what the extractors find each with a
// scanner of its own, over the sample report and the layout pages.
func TestSharedScan(t *testing.T) {
	p := newPipeline(t)
	set := builtinSet(t)
	var alone []Extractor
	for _, mk := range []func(*rules.Set) (Extractor, error){NewTimes, NewEntities, NewQuantities} {
		x, err := mk(set)
		if err != nil {
			t.Fatal(err)
		}
		alone = append(alone, x)
	}
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := reportTexts(t)
	n := 0
	for _, text := range texts {
		d := p.Segment(seg, text, nil)
		got := p.Extract(d)
		var want Records
		for _, x := range alone {
			x.Extract(d, &want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.40q…: the pipeline's records differ from the extractors' alone", text)
		}
		n += len(got.Quantities) + len(got.Times) + len(got.Entities)
	}
	if n == 0 {
		t.Error("no records")
	}
}
