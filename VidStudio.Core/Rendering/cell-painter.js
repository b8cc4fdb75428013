// Draws frames of cells onto a canvas exactly as the converter paints its PNGs: every cell's glyph tile from the job's
// atlas, blended with the converter's integer formula. `drawing` is a CellDrawing (its web JSON names), `atlas` the
// atlas's coverage tiles. One copy, used twice: embedded into each HTML player page, and served to the Studio, whose
// playing preview draws the records the server sends.
function createCellPainter(canvas, drawing, atlas) {
  const { columns, rows, width, height, cellLeft, cellTop, tileWidth, tileHeight, cellBytes, textPerCell, backgroundPerCell, transparent, background } = drawing;
  const cells = columns * rows, tileSize = tileWidth * tileHeight;
  const textOffset = cells * cellBytes, backgroundOffset = textOffset + (textPerCell ? 3 * cells : 3);

  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  const image = context.createImageData(width, height);
  const pixels = new Uint32Array(image.data.buffer);

  // The converter's blend, to the bit: from + (to - from) · a / 255, rounded.
  const lerp = (from, to, a) => {
    const delta = to - from, x = Math.abs(delta) * a + 127, scaled = (x + 1 + (x >> 8)) >> 8;
    return delta < 0 ? from - scaled : from + scaled;
  };
  const pack = (r, g, b, a) => (a << 24) | (b << 16) | (g << 8) | r;

  /** The glyph index of `cell` in the record at `base` of `records`. */
  const glyphAt = (records, base, cell) => cellBytes === 1 ? records[base + cell] : records[base + 2 * cell] | (records[base + 2 * cell + 1] << 8);

  /** Draws the record at `base` of `records`. */
  function draw(records, base) {
    for (let row = 0; row < rows; row++) {
      const top = cellTop[row], cellHeight = cellTop[row + 1] - top;
      for (let column = 0; column < columns; column++) {
        const cell = row * columns + column;
        const glyph = glyphAt(records, base, cell);
        const t = base + textOffset + (textPerCell ? 3 * cell : 0);
        const fr = records[t], fg = records[t + 1], fb = records[t + 2];
        let br = background[0], bg = background[1], bb = background[2];
        if (backgroundPerCell) {
          const b = base + backgroundOffset + 3 * cell;
          br = records[b]; bg = records[b + 1]; bb = records[b + 2];
        }
        const empty = transparent ? pack(fr, fg, fb, 0) : pack(br, bg, bb, 255), full = pack(fr, fg, fb, 255);
        const left = cellLeft[column], cellWidth = cellLeft[column + 1] - left, tile = glyph * tileSize;
        for (let y = 0; y < cellHeight; y++) {
          let p = (top + y) * width + left, c = tile + y * tileWidth;
          for (let x = 0; x < cellWidth; x++, p++, c++) {
            const a = atlas[c];
            pixels[p] = a === 0 ? empty : a === 255 ? full
              : transparent ? pack(fr, fg, fb, a) : pack(lerp(br, fr, a), lerp(bg, fg, a), lerp(bb, fb, a), 255);
          }
        }
      }
    }
    context.putImageData(image, 0, 0);
  }

  /**
   * The record at `base` as the text frames (frame_XXXXXX.txt) hold it: a line per row, each ending in a newline.
   * `symbols` holds the glyph set by code point (sextants and octants are two UTF-16 units each).
   */
  function text(records, base, symbols) {
    let lines = "";
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) lines += symbols[glyphAt(records, base, row * columns + column)];
      lines += "\n";
    }
    return lines;
  }

  return { draw, text };
}
