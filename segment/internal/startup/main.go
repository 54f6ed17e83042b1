// Command startup shows how soon a fresh process can cut text with
// package segment, for timing with /usr/bin/time or hyperfine:
//
//	go build -o /tmp/startup ./segment/internal/startup
//	/usr/bin/time -f '%e s %M kB' /tmp/startup '2019年实现利润36.83亿元，同比增长15%'
//	/usr/bin/time -f '%e s %M kB' /tmp/startup -full '…'
//
// It prints the tokens, and on standard error the time from main to the
// cut.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/baogao/baogao/segment"
)

func main() {
	log.SetFlags(0)
	full := flag.Bool("full", false, "load the full dictionary first, as a batch run would")
	flag.Parse()
	text := strings.Join(flag.Args(), " ")
	if text == "" {
		text = "2019年实现利润36.83亿元，同比增长15%"
	}

	t0 := time.Now()
	s, err := segment.New()
	if err != nil {
		log.Fatal(err)
	}
	if *full {
		if err := s.Load(); err != nil {
			log.Fatal(err)
		}
	}
	t1 := time.Now()
	sents := s.Sentences(text, nil)
	t2 := time.Now()
	for _, sent := range sents {
		for _, t := range sent.Tokens {
			fmt.Printf("%s/%s ", t.Text, t.Pos)
		}
		fmt.Println()
	}
	fmt.Fprintf(os.Stderr, "startup: ready in %v, cut in %v (full dictionary: %v)\n", t1.Sub(t0), t2.Sub(t1), s.Loaded())
}
