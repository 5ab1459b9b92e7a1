// Storefront assistant loader. It draws the launcher and nothing else; the chat UI
// (chat.js + chat.css) loads the first time a shopper reaches for the launcher
// (pointer over it, focus, or click), so a store pays almost nothing until then.
(function () {
  "use strict";
  var configNode = document.getElementById("storefront-assistant-config");
  if (!configNode || window.__storefrontAssistantLoader) return;
  window.__storefrontAssistantLoader = true;
  var config;
  try {
    config = JSON.parse(configNode.textContent);
  } catch {
    return;
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "sa-launcher";
  button.setAttribute("aria-label", config.strings.open);
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.textContent = config.label;
  var side = config.position === "left" ? "left" : "right";
  var color = /^#[0-9a-f]{3,8}$/i.test(config.color) ? config.color : "#1f5c4d";
  button.style.cssText =
    "position:fixed;bottom:20px;" +
    side +
    ":20px;z-index:2147483000;min-height:48px;padding:0 20px;" +
    "border:0;border-radius:24px;background:" +
    color +
    ";color:#fff;font:600 16px/1 system-ui,sans-serif;" +
    "box-shadow:0 2px 10px rgba(0,0,0,.25);cursor:pointer";

  var loading = null;
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = config.assets.style;
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = config.assets.script;
      script.async = true;
      script.onload = function () {
        resolve(window.__storefrontAssistant);
      };
      script.onerror = function () {
        loading = null;
        reject(new Error("chat failed to load"));
      };
      document.head.appendChild(script);
    });
    return loading;
  }

  button.addEventListener("pointerenter", load, { once: true });
  button.addEventListener("focus", load, { once: true });
  button.addEventListener("click", function () {
    load().then(
      function (chat) {
        chat.open(config, button);
      },
      function () {
        button.textContent = config.strings.error;
      },
    );
  });
  document.body.appendChild(button);
})();
