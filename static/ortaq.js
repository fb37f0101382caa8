// Ortaq's own script, served from /static (the content security policy allows no inline
// script). Every page works without it; it only adds conveniences.
(function () {
  "use strict";

  // A CSV file as text: UTF-8 (a BOM is dropped), or, when the bytes are not UTF-8,
  // Windows-1251, which Excel in a Russian locale writes for "CSV (comma delimited)".
  function decode(buffer) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    } catch (e) {
      return new TextDecoder("windows-1251").decode(buffer);
    }
  }

  // <input type=file data-fills="ID"> inside a [data-file-field hidden] block: shown only
  // when this script runs; the chosen file is read in the browser into the text area ID,
  // which the form sends as an ordinary field (with its CSRF token).
  document.querySelectorAll("input[type=file][data-fills]").forEach(function (input) {
    var target = document.getElementById(input.dataset.fills);
    var block = input.closest("[data-file-field]");
    var status = document.getElementById(input.id + "-status");
    if (!target || !block || !window.TextDecoder) {
      return;
    }
    block.hidden = false;
    var say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) {
        return;
      }
      var max = Number(input.dataset.maxBytes);
      if (file.size > max) {
        say(input.dataset.tooLarge);
        return;
      }
      file.arrayBuffer().then(function (buffer) {
        var text = decode(buffer);
        // The form is sent urlencoded: Cyrillic letters take six bytes each there.
        if (encodeURIComponent(text).length > max) {
          say(input.dataset.tooLarge);
          return;
        }
        target.value = text;
        say(input.dataset.loaded);
      });
    });
  });
  // [data-scanner] (hidden): shown where the browser can read QR codes from the camera
  // (BarcodeDetector); a scanned ticket fills the code field named by data-fills and sends
  // its form. Without it, staff type the code or use a hand scanner that types it.
  document.querySelectorAll("[data-scanner]").forEach(function (block) {
    var field = document.getElementById(block.dataset.fills);
    var button = block.querySelector("button");
    var video = block.querySelector("video");
    if (!field || !button || !video || !("BarcodeDetector" in window) ||
        !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return;
    }
    block.hidden = false;
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    button.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.hidden = false;
        video.srcObject = stream;
        video.play();
        var look = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length > 0) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              field.value = codes[0].rawValue;
              field.form.submit();
            } else {
              window.setTimeout(look, 250);
            }
          }, function () { window.setTimeout(look, 500); });
        };
        look();
      }, function () {
        block.querySelector("[data-scanner-error]").hidden = false;
      });
    });
  });
  // <input type=file data-downscale=N data-max-bytes=M>: a photo from a phone's camera is
  // often several megabytes; it is scaled in the browser to at most N pixels a side and
  // sent as JPEG, so that it fits the server's limit. The submit button waits meanwhile.
  document.querySelectorAll("input[type=file][data-downscale]").forEach(function (input) {
    if (!window.createImageBitmap || !window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) {
      return;
    }
    var side = Number(input.dataset.downscale);
    var max = Number(input.dataset.maxBytes);
    var button = input.form && input.form.querySelector("button[type=submit]");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || !/^image\//.test(file.type)) {
        return;
      }
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
        if (scale === 1 && file.size <= max) {
          return;
        }
        if (button) { button.disabled = true; }
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        var encode = function (quality) {
          canvas.toBlob(function (blob) {
            if (blob.size > max && quality > 0.5) {
              encode(quality - 0.15);
              return;
            }
            var files = new DataTransfer();
            files.items.add(new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" }));
            input.files = files.files;
            if (button) { button.disabled = false; }
          }, "image/jpeg", quality);
        };
        encode(0.85);
      }, function () { /* not an image the browser reads: the server will say so */ });
    });
  });
})();

// == Dashboard: the monthly report's print button ==
// <button data-print hidden> is shown only when this script runs, and prints the page
// (the browser's dialog also saves it as PDF).
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
