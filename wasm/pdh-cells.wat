;; The value cells of one PDH-CSV row, parsed in WebAssembly: the hot loop of ingest, about twice
;; as fast as the same loop JIT-compiled from JavaScript (pdhFast.ts's parseRow, which stays the
;; reference: every row this function does not accept is parsed again there, which also reports
;; errors with their line and column). Built into dist/wasm/pdh-cells.wasm by scripts/buildWasm.mjs.
;;
;; cells(p, end, map, cells, values, pow) → the position after the last cell, or -1.
;;   p       the ',' after the timestamp cell; end: the row's end (the caller writes zero bytes
;;           after it, so a look-ahead past the row never sees a digit)
;;   map     i32[cells]: the value slot of each cell, or -1 for a column not kept
;;   values  f64[]: receives each kept cell (the caller fills it with NaN: missing)
;;   pow     f64[23]: 10^0 … 10^22, exact
;; Accepted cells: "" and " " (missing, left NaN) and -?digits(.digits)? with 1 to 19 digits.
;; Digits are taken four, else two, else one a step, in the same order and with the same double
;; operations as parseRow, so the result is the same double (WebAssembly never fuses a multiply
;; and an add); the value is mantissa / 10^fraction digits.
(module
  (memory (export "memory") 1)
  (func (export "cells") (param $p i32) (param $end i32) (param $map i32) (param $cells i32) (param $values i32) (param $pow i32) (result i32)
    (local $i i32) (local $slot i32) (local $c i32) (local $neg i32)
    (local $d0 i32) (local $d1 i32) (local $d2 i32) (local $d3 i32)
    (local $digits i32) (local $fraction i32) (local $m f64) (local $v f64)
    (block $done
      (loop $cell
        (br_if $done (i32.ge_u (local.get $i) (local.get $cells)))
        ;; ,"
        (if (i32.ne (i32.load16_u (local.get $p)) (i32.const 0x222c)) (then (return (i32.const -1))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (local.set $slot (i32.load (i32.add (local.get $map) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_s (local.get $slot) (i32.const 0))
          (then
            ;; a column not kept: to its closing quote
            (block $found
              (loop $scan
                (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const -1))))
                (br_if $found (i32.eq (i32.load8_u (local.get $p)) (i32.const 0x22)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $scan)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $cell)))
        (local.set $c (i32.load8_u (local.get $p)))
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then (local.set $p (i32.add (local.get $p) (i32.const 1))) (br $cell)))
        (if (i32.eq (i32.load16_u (local.get $p)) (i32.const 0x2220))
          (then (local.set $p (i32.add (local.get $p) (i32.const 2))) (br $cell)))
        (local.set $neg (i32.eq (local.get $c) (i32.const 0x2d)))
        (local.set $p (i32.add (local.get $p) (local.get $neg)))
        (local.set $m (f64.const 0))
        (local.set $digits (i32.const 0))
        (local.set $fraction (i32.const 0))
        ;; integer digits: four, else two, else one a step (the JS parser's grouping, so the same double)
        (local.set $d0 (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
        (local.set $d1 (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)))
        (block $intEnd
          (loop $int
            (br_if $intEnd (i32.gt_u (local.get $d0) (i32.const 9)))
            (if (i32.le_u (local.get $d1) (i32.const 9))
              (then
                (local.set $d2 (i32.sub (i32.load8_u offset=2 (local.get $p)) (i32.const 48)))
                (local.set $d3 (i32.sub (i32.load8_u offset=3 (local.get $p)) (i32.const 48)))
                (if (i32.and (i32.le_u (local.get $d2) (i32.const 9)) (i32.le_u (local.get $d3) (i32.const 9)))
                  (then
                    (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10000))
                      (f64.convert_i32_s (i32.add (i32.add (i32.mul (local.get $d0) (i32.const 1000)) (i32.mul (local.get $d1) (i32.const 100))) (i32.add (i32.mul (local.get $d2) (i32.const 10)) (local.get $d3))))))
                    (local.set $digits (i32.add (local.get $digits) (i32.const 4)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4))))
                  (else
                    (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 100))
                      (f64.convert_i32_s (i32.add (i32.mul (local.get $d0) (i32.const 10)) (local.get $d1)))))
                    (local.set $digits (i32.add (local.get $digits) (i32.const 2)))
                    (local.set $p (i32.add (local.get $p) (i32.const 2)))))
                (local.set $d0 (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
                (local.set $d1 (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)))
                (br $int))
              (else
                (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10)) (f64.convert_i32_s (local.get $d0))))
                (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $intEnd)))))
        (local.set $c (i32.load8_u (local.get $p)))
        ;; fraction digits after '.': the integer loop again, written out as in parseRow
        (if (i32.eq (local.get $c) (i32.const 0x2e))
          (then
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $d0 (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
            (local.set $d1 (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)))
            (block $fracEnd
              (loop $frac
                (br_if $fracEnd (i32.gt_u (local.get $d0) (i32.const 9)))
                (if (i32.le_u (local.get $d1) (i32.const 9))
                  (then
                    (local.set $d2 (i32.sub (i32.load8_u offset=2 (local.get $p)) (i32.const 48)))
                    (local.set $d3 (i32.sub (i32.load8_u offset=3 (local.get $p)) (i32.const 48)))
                    (if (i32.and (i32.le_u (local.get $d2) (i32.const 9)) (i32.le_u (local.get $d3) (i32.const 9)))
                      (then
                        (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10000))
                          (f64.convert_i32_s (i32.add (i32.add (i32.mul (local.get $d0) (i32.const 1000)) (i32.mul (local.get $d1) (i32.const 100))) (i32.add (i32.mul (local.get $d2) (i32.const 10)) (local.get $d3))))))
                        (local.set $fraction (i32.add (local.get $fraction) (i32.const 4)))
                        (local.set $p (i32.add (local.get $p) (i32.const 4))))
                      (else
                        (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 100))
                          (f64.convert_i32_s (i32.add (i32.mul (local.get $d0) (i32.const 10)) (local.get $d1)))))
                        (local.set $fraction (i32.add (local.get $fraction) (i32.const 2)))
                        (local.set $p (i32.add (local.get $p) (i32.const 2)))))
                    (local.set $d0 (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
                    (local.set $d1 (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)))
                    (br $frac))
                  (else
                    (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10)) (f64.convert_i32_s (local.get $d0))))
                    (local.set $fraction (i32.add (local.get $fraction) (i32.const 1)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $fracEnd)))))
            (local.set $c (i32.load8_u (local.get $p)))
            (local.set $digits (i32.add (local.get $digits) (local.get $fraction)))))
        ;; a plain number ends at its quote with 1..19 digits; anything else goes to the JS parser
        (if (i32.or (i32.ne (local.get $c) (i32.const 0x22)) (i32.or (i32.eqz (local.get $digits)) (i32.gt_u (local.get $digits) (i32.const 19))))
          (then (return (i32.const -1))))
        (local.set $v (f64.div (local.get $m) (f64.load (i32.add (local.get $pow) (i32.shl (local.get $fraction) (i32.const 3))))))
        (if (local.get $neg) (then (local.set $v (f64.neg (local.get $v)))))
        (f64.store (i32.add (local.get $values) (i32.shl (local.get $slot) (i32.const 3))) (local.get $v))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $cell)))
    (local.get $p))
)
