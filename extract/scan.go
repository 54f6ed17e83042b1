package extract

import (
	"fmt"
	"math"
	"sync"
	"unicode/utf8"
)

// A scanner finds, in one pass over each sentence, the runes at which
// the extractors' own passes stop: the first passes of the time and
// entity extractors, and the quantity extractor's searches for numbers
// and context words. Each of them once decoded every rune of the text
// for itself; now the pipeline decodes the text once and each reads the
// hits of its sets.
type scanner struct {
	// stop holds the runes of the BMP that some set holds, and those
	// of lead byte E0 and ED, whose second byte needs a test of its own:
	// sentence passes over the three-byte runes that stop does not hold
	// without decoding them.
	stop runeSet
	// setsOf holds the bits of the sets that hold each rune of the BMP,
	// wide those of the sets that hold the runes above it.
	setsOf *[1 << 16]uint8
	wide   uint8
}

// maxScanSets is the number of sets a scanner can tell apart.
const maxScanSets = 8

func newScanner(sets []*startSet) (*scanner, error) {
	if len(sets) > maxScanSets {
		return nil, fmt.Errorf("extract: %d rune sets to scan for, at most %d", len(sets), maxScanSets)
	}
	sc := &scanner{setsOf: new([1 << 16]uint8)}
	for r := rune(0); r < 0x1000; r++ { // lead byte E0, valid or overlong
		sc.stop.add(r)
	}
	for r := rune(0xD000); r < 0xE000; r++ { // lead byte ED
		sc.stop.add(r)
	}
	for k, s := range sets {
		for r := range s.bmp.runes() {
			sc.stop.add(r)
			sc.setsOf[r] |= 1 << k
		}
		if s.wide {
			sc.wide |= 1 << k
		}
	}
	return sc, nil
}

// A scanUser is an extractor that reads a scanner's hits.
type scanUser interface {
	// scanSets returns the sets of runes that its passes stop at.
	scanSets() []*startSet
	// useScanner makes it read the hits of sc, where its sets have the
	// bits from first on, in order.
	useScanner(sc *scanner, first uint)
}

// ownScanner gives x a scanner of its own sets, for when it runs alone.
func ownScanner(x scanUser) error {
	sc, err := newScanner(x.scanSets())
	if err != nil {
		return err
	}
	x.useScanner(sc, 0)
	return nil
}

// shareScanner gives the extractors that read hits one scanner of all
// their sets, which the pipeline runs once a document; it returns nil
// when none reads hits.
func shareScanner(xs []Extractor) (*scanner, error) {
	var sets []*startSet
	for _, x := range xs {
		if u, ok := x.(scanUser); ok {
			sets = append(sets, u.scanSets()...)
		}
	}
	if len(sets) == 0 {
		return nil, nil
	}
	sc, err := newScanner(sets)
	if err != nil {
		return nil, err
	}
	first := uint(0)
	for _, x := range xs {
		if u, ok := x.(scanUser); ok {
			u.useScanner(sc, first)
			first += uint(len(u.scanSets()))
		}
	}
	return sc, nil
}

// scanHit is a rune of a sentence that one of a scanner's sets holds.
type scanHit struct {
	at   uint32 // its offset in the sentence
	r    rune
	size uint8 // its length in bytes
	sets uint8 // bit k: the scanner's set k holds r
}

// docScan is a scanner's hits in the sentences of a document.
type docScan struct {
	by    *scanner
	hits  []scanHit
	first []int // sentence si's hits are hits[first[si]:first[si+1]]
	// sets[si] has the bits of the sets that sentence si's hits hold,
	// so that a pass that needs a hit of a set skips the sentences
	// without one.
	sets []uint8
}

var docScanPool = sync.Pool{New: func() any { return new(docScan) }}

// scanDoc returns the hits of sc in d: the pipeline's, when it made them
// with sc, else new ones, which release gives back when the caller is
// done with them.
func scanDoc(d *Doc, sc *scanner) (ds *docScan, own bool) {
	if d.scan != nil && d.scan.by == sc {
		return d.scan, false
	}
	ds = docScanPool.Get().(*docScan)
	ds.run(sc, d)
	return ds, true
}

// release gives the memory of ds back for the next document.
func (ds *docScan) release() {
	if cap(ds.hits) > 1<<20 {
		return // a large document's: not worth keeping
	}
	ds.by = nil
	docScanPool.Put(ds)
}

// run makes ds the hits of sc in d's sentences. A sentence whose span
// lies outside the text has none.
func (ds *docScan) run(sc *scanner, d *Doc) {
	if uint64(len(d.Text)) > math.MaxUint32 {
		panic("extract: a text of 4 GiB or more")
	}
	ds.by = sc
	hits := ds.hits[:0]
	first := ds.first[:0]
	sets := ds.sets[:0]
	for _, s := range d.Sentences {
		first = append(first, len(hits))
		var in uint8
		if s.Start >= 0 && s.End <= len(d.Text) && s.Start <= s.End {
			hits, in = sc.sentence(d.Text[s.Start:s.End], hits)
		}
		sets = append(sets, in)
	}
	ds.hits, ds.first, ds.sets = hits, append(first, len(hits)), sets
}

// sentence returns the hits of sentence si.
func (ds *docScan) sentence(si int) []scanHit {
	return ds.hits[ds.first[si]:ds.first[si+1]]
}

// sentenceSets returns the bits of the sets that the hits of sentence
// si hold.
func (ds *docScan) sentenceSets(si int) uint8 { return ds.sets[si] }

// sentence appends the hits of sc in text, a sentence's, and returns
// the bits of the sets they hold. It decodes as runeSet.next does, a
// rune at a time from the start: the hits of a set are where the set's
// next stops, from the start and from each hit on.
func (sc *scanner) sentence(text string, hits []scanHit) (_ []scanHit, in uint8) {
	stop, of := &sc.stop, sc.setsOf
	rest := text
	for {
		var r rune
		n := 0
		// Skip the three-byte runes that stop does not hold, testing the
		// lead byte's high bits and the two continuation bytes at once in
		// four bytes read at once (so not the last three bytes).
		for len(rest) >= 4 {
			v := uint32(rest[0]) | uint32(rest[1])<<8 | uint32(rest[2])<<16 | uint32(rest[3])<<24
			if v&0xC0C0F0 != 0x8080E0 {
				break
			}
			w := (v&0x0F)<<6 | v>>8&0x3F
			if stop[w]&(1<<(v>>16&0x3F)) == 0 {
				rest = rest[3:]
				continue
			}
			if 0xDFFE>>(v&0x0F)&1 != 0 { // not after E0 or ED
				r, n = rune(w<<6|v>>16&0x3F), 3
			}
			break
		}
		if n == 0 {
			if len(rest) == 0 {
				return hits, in
			}
			if b0 := rest[0]; b0 < utf8.RuneSelf {
				r, n = rune(b0), 1
			} else {
				r, n = decodeRune(rest)
			}
		}
		sets := sc.wide
		if r < 1<<16 {
			sets = of[r]
		}
		if sets != 0 {
			hits = append(hits, scanHit{uint32(len(text) - len(rest)), r, uint8(n), sets})
			in |= sets
		}
		rest = rest[n:]
	}
}
