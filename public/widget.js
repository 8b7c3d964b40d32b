/*
 * Baton chat widget: a launcher button and the chat in an iframe, for any site allowed to embed it
 * (/admin/connections, else CHAT_WIDGET_ALLOWED_ORIGINS). Add before </body>:
 *
 *   <script src="https://baton.example.com/widget.js" async
 *           data-label="Chat with us" data-position="right"></script>
 *
 * The chat keeps its session in its own storage (a reload or the next page continues the same
 * conversation); whether the panel was open is kept for this tab. The page's URL, title, referrer
 * and UTM parameters go to the chat as its entry context.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__batonChatWidget) return;
  window.__batonChatWidget = true;

  var origin = new URL(script.src, location.href).origin;
  var label = script.getAttribute("data-label") || "Chat with our sales team";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var OPEN_KEY = "baton.widget.open";

  function entryQuery() {
    var params = new URLSearchParams();
    params.set("embed", "1");
    params.set("url", location.href.slice(0, 2000));
    if (document.title) params.set("title", document.title.slice(0, 300));
    if (document.referrer) params.set("referrer", document.referrer.slice(0, 2000));
    var here = new URLSearchParams(location.search);
    ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"].forEach(function (key) {
      var value = here.get(key);
      if (value) params.set(key, value.slice(0, 200));
    });
    return params.toString();
  }

  function remembered() {
    try {
      return sessionStorage.getItem(OPEN_KEY) === "1";
    } catch {
      return false;
    }
  }
  function remember(open) {
    try {
      sessionStorage.setItem(OPEN_KEY, open ? "1" : "0");
    } catch {
      /* storage blocked: the panel simply starts closed */
    }
  }

  var frame = null;
  var panel = document.createElement("div");
  panel.setAttribute("data-baton-chat", "panel");
  panel.style.cssText =
    "position:fixed;bottom:88px;" + side + ":20px;width:min(380px,calc(100vw - 40px));height:min(640px,calc(100vh - 120px));" +
    "z-index:2147483646;border-radius:16px;overflow:hidden;box-shadow:0 12px 40px rgba(15,23,42,.25);display:none;background:#f8fafc";

  var button = document.createElement("button");
  button.type = "button";
  button.setAttribute("data-baton-chat", "launcher");
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  button.title = label;
  button.style.cssText =
    "position:fixed;bottom:20px;" + side + ":20px;width:56px;height:56px;border-radius:9999px;border:0;cursor:pointer;z-index:2147483647;" +
    "background:#2855e0 url('" + origin + "/icon.svg') center/28px no-repeat;box-shadow:0 6px 20px rgba(40,85,224,.45)";

  function setOpen(open) {
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.title = label;
      frame.src = origin + "/chat?" + entryQuery();
      frame.allow = "clipboard-write";
      frame.style.cssText = "width:100%;height:100%;border:0;display:block";
      panel.appendChild(frame);
    }
    panel.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    remember(open);
  }

  button.addEventListener("click", function () {
    setOpen(panel.style.display === "none");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel.style.display !== "none") setOpen(false);
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
    if (remembered()) setOpen(true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
