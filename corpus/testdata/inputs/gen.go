//go:build ignore

// gen writes the encoded twins of para.txt, para-hant.txt and page.html
// that the corpus tests read. Run it from this folder after editing those
// sources:
//
//	go run gen.go
package main

import (
	"bytes"
	"log"
	"os"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func main() {
	para := read("para.txt")
	hant := read("para-hant.txt")
	page := read("page.html")
	le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	write("para.gbk.txt", encode(simplifiedchinese.GBK, para))
	write("para.gb18030.txt", encode(simplifiedchinese.GB18030, para))
	write("para.utf8-bom.txt", append([]byte("\uFEFF"), para...))
	write("para.utf16le-bom.txt", append([]byte{0xFF, 0xFE}, encode(le, para)...))
	write("para.utf16be-bom.txt", append([]byte{0xFE, 0xFF}, encode(be, para)...))
	write("para.utf16le.txt", encode(le, para))
	write("para.utf16be.txt", encode(be, para))
	write("para-hant.big5.txt", encode(traditionalchinese.Big5, hant))
	write("para-hant.gbk.txt", encode(simplifiedchinese.GBK, hant))
	write("para-hant.utf16le.txt", encode(le, hant))
	gbkPage := bytes.Replace(page, []byte(`<meta charset="utf-8">`), []byte(`<meta charset="gbk">`), 1)
	write("page.gbk.html", encode(simplifiedchinese.GBK, gbkPage))
	noMeta := bytes.Replace(page, []byte(`<meta charset="utf-8">`), nil, 1)
	write("page-nometa.gbk.html", encode(simplifiedchinese.GBK, noMeta))
	httpEquiv := bytes.Replace(page, []byte(`<meta charset="utf-8">`),
		[]byte(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`), 1)
	write("page-http-equiv.gb2312.html", encode(simplifiedchinese.GBK, httpEquiv))
	// A binary file: a PNG header and some pixel bytes.
	write("binary.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"))
}

func read(name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	return b
}

func encode(e encoding.Encoding, b []byte) []byte {
	out, err := e.NewEncoder().Bytes(b)
	if err != nil {
		log.Fatal(err)
	}
	return out
}

func write(name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
