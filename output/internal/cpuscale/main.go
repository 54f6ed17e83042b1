// Command cpuscale measures how much faster this machine finishes twice
// the work on two goroutines than once on one, for two loops that need
// nothing from each other: one of arithmetic, and one of look-ups at
// random in a table as large as the segmenter's, each look-up waiting for
// the one before, as a walk down its trie does. No two-worker run can
// scale better than these. On a virtual machine whose two cores the host
// shares, they vary from run to run, which is why .ci/bench prints them
// beside its own ratio.
//
//	go run ./output/internal/cpuscale [-tries N]
//
// It prints one line with the median speed-up of each over N tries (5).
package main

import (
	"flag"
	"fmt"
	"slices"
	"sync"
	"time"
)

func main() {
	tries := flag.Int("tries", 5, "how many times to measure each; the median is printed")
	flag.Parse()
	tables := [2][]uint32{randomCycle(8<<20, 7), randomCycle(8<<20, 11)}
	arith := speedup(*tries, func(int) { spin(1e8) })
	lookups := speedup(*tries, func(g int) { chase(tables[g], 3e6) })
	fmt.Printf("two goroutines against one: arithmetic %.2f x, random table look-ups %.2f x (median of %d)\n", arith, lookups, *tries)
}

// speedup returns the median over tries of twice one goroutine's time
// for work(0) over the time two take for work(0) and work(1).
func speedup(tries int, work func(g int)) float64 {
	var out []float64
	for range max(tries, 1) {
		start := time.Now()
		work(0)
		one := time.Since(start)
		start = time.Now()
		var wg sync.WaitGroup
		wg.Go(func() { work(0) })
		wg.Go(func() { work(1) })
		wg.Wait()
		out = append(out, 2*one.Seconds()/time.Since(start).Seconds())
	}
	slices.Sort(out)
	return out[len(out)/2]
}

var sink uint64 // keeps the loops from being optimized away

func spin(n int) {
	x := uint64(1)
	for range n {
		x = x*6364136223846793005 + 1442695040888963407
		x ^= x >> 17
	}
	sink += x
}

func chase(next []uint32, n int) {
	p := uint32(0)
	for range n {
		p = next[p]
	}
	sink += uint64(p)
}

// randomCycle returns a table of n entries that, followed from 0, visits
// every entry once in an order drawn from seed.
func randomCycle(n int, seed uint64) []uint32 {
	perm := make([]uint32, n)
	for i := range perm {
		perm[i] = uint32(i)
	}
	x := seed
	for i := n - 1; i > 0; i-- {
		x = x*6364136223846793005 + 1442695040888963407
		j := int((x >> 33) % uint64(i+1))
		perm[i], perm[j] = perm[j], perm[i]
	}
	next := make([]uint32, n)
	for i := range perm {
		next[perm[i]] = perm[(i+1)%n]
	}
	return next
}
