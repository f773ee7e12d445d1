// Chat: stream the persona's reply into the page as it arrives. Without this file the forms post
// normally and the page comes back with the whole reply.
(function () {
  "use strict";

  var controller = null;

  function bubble(list, role, name) {
    var item = document.createElement("li");
    item.className = "chat-message chat-" + role;
    item.setAttribute("data-testid", "message-" + role);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = name;
    var text = document.createElement("div");
    text.className = "chat-text";
    item.appendChild(meta);
    item.appendChild(text);
    list.appendChild(item);
    return text;
  }

  // One server-sent event ("event: name\ndata: json") into {name, data}.
  function parseEvent(block) {
    var name = "message";
    var data = [];
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) {
        name = line.slice(6).trim();
      } else if (line.indexOf("data:") === 0) {
        data.push(line.slice(5).trim());
      }
    });
    return { name: name, data: data.length ? JSON.parse(data.join("\n")) : {} };
  }

  function handle(event, target, status) {
    if (event.name === "text") {
      target.textContent += event.data.text;
    } else if (event.name === "done") {
      target.classList.remove("chat-streaming");
      status.textContent = event.data.status === "stopped" ? "Stopped." : "";
    } else if (event.name === "error") {
      target.closest("li").remove();
      status.textContent = event.data.detail;
    }
  }

  async function readEvents(response, target, status) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) {
        return;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      var blocks = buffer.split("\n\n");
      buffer = blocks.pop();
      blocks.forEach(function (block) {
        if (block.trim()) {
          handle(parseEvent(block), target, status);
        }
      });
    }
  }

  function setBusy(compose, busy) {
    compose.querySelector("button[type=submit]").disabled = busy;
    compose.querySelector("[data-chat-stop]").hidden = !busy;
    document.querySelectorAll("form[data-regenerate] button").forEach(function (button) {
      button.disabled = busy;
    });
  }

  async function send(form, compose) {
    var list = document.querySelector("[data-testid=chat-messages]");
    var status = document.querySelector("[data-chat-status]");
    var data = new FormData(form);
    if (form.hasAttribute("data-regenerate")) {
      var last = list.lastElementChild;
      if (last && last.classList.contains("chat-assistant")) {
        last.remove();
      }
    } else {
      bubble(list, "user", compose.getAttribute("data-user-name")).textContent = data.get("content");
      form.querySelector("textarea").value = "";
    }
    status.textContent = "";
    var target = bubble(list, "assistant", compose.getAttribute("data-persona-name"));
    target.classList.add("chat-streaming");
    controller = new AbortController();
    setBusy(compose, true);
    try {
      var response = await fetch(form.getAttribute("data-chat-stream"), {
        method: "POST",
        body: data,
        signal: controller.signal,
        headers: { Accept: "text/event-stream" },
      });
      if (!response.ok) {
        target.closest("li").remove();
        status.textContent = (await response.json()).detail;
      } else {
        await readEvents(response, target, status);
      }
    } catch (error) {
      target.classList.remove("chat-streaming");
      status.textContent = error.name === "AbortError" ? "Stopped. What arrived is kept." : "The connection failed.";
    } finally {
      controller = null;
      setBusy(compose, false);
    }
  }

  function start() {
    var compose = document.querySelector("form[data-chat-stream]:not([data-regenerate])");
    if (!compose || !window.fetch || !window.TextDecoder) {
      return;
    }
    document.querySelectorAll("form[data-chat-stream]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!controller) {
          send(form, compose);
        }
      });
    });
    compose.querySelector("[data-chat-stop]").addEventListener("click", function () {
      if (controller) {
        controller.abort();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
