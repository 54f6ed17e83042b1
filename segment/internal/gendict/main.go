// Command gendict writes the compact dictionary that package segment
// embeds: the words of gse's embedded Chinese dictionaries exactly as
// gse's LoadDictEmbed leaves them, in the format of package dictfile.
// Its only input is the gse module in the build, so it needs running
// again only when gse is upgraded:
//
//	go generate ./segment
package main

import (
	"bytes"
	"flag"
	"log"
	"os"

	"github.com/baogao/baogao/segment/internal/dictfile"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gendict: ")
	out := flag.String("o", "dict/gse-zh.bgdict", "output file")
	flag.Parse()

	version := dictfile.GseVersion()
	if version == "" {
		log.Fatal("cannot tell gse's version from the build information")
	}
	seg, err := dictfile.Base()
	if err != nil {
		log.Fatal(err)
	}
	entries, err := dictfile.Entries(seg)
	if err == nil {
		entries, err = dictfile.Sorted(entries)
	}
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := dictfile.Write(&buf, dictfile.Header{Gse: version}, entries); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: gse %s, %d words, %d bytes", *out, version, len(entries), buf.Len())
}
