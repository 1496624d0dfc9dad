/* Share boxes (templates/includes/_share.html): the phone's own share sheet where the browser has one, and a
   button that copies the link. Without JavaScript the plain links to messengers and email remain. */
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.dataset.shareUrl;
    var text = box.dataset.shareText;
    var status = box.querySelector(".share-status");
    var native = box.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: text, text: text, url: url }).catch(function () {});
      });
    }
    var copy = box.querySelector("[data-share-copy]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = copy.dataset.copied;
        });
      });
    }
  });
})();
