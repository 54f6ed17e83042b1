package output

import (
	"runtime"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// zstdCodec is parquet-go's zstd codec at the fastest level, with one
// encoder for the whole process. parquet-go's own keeps its encoders in
// a sync.Pool, which the collector empties at every cycle: each page
// after a cycle built a new encoder and its history buffers, 6% of what a
// run allocates (0.8 MB a MB of input), which brought the next cycle on
// sooner. A zstd.Encoder made for GOMAXPROCS callers runs that many
// EncodeAll calls at once, with the same output as an encoder apiece.
type zstdCodec struct {
	once sync.Once
	enc  *zstd.Encoder
	dec  *zstd.Decoder
	err  error
}

func (c *zstdCodec) String() string                            { return "ZSTD" }
func (c *zstdCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }

// init makes the encoder and decoder on first use, with the options of
// parquet-go's codec.
func (c *zstdCodec) init() error {
	c.once.Do(func() {
		n := runtime.GOMAXPROCS(0)
		c.enc, c.err = zstd.NewWriter(nil,
			zstd.WithEncoderConcurrency(n),
			zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithZeroFrames(true),
			zstd.WithEncoderCRC(false),
		)
		if c.err == nil {
			c.dec, c.err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(n))
		}
	})
	return c.err
}

func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	if err := c.init(); err != nil {
		return dst[:0], err
	}
	return c.enc.EncodeAll(src, dst[:0]), nil
}

func (c *zstdCodec) Decode(dst, src []byte) ([]byte, error) {
	if err := c.init(); err != nil {
		return dst[:0], err
	}
	return c.dec.DecodeAll(src, dst[:0])
}
