// A drawn chat view (see DrawnChat) is put back into the document drawing no more than
// what shows. Left as they are, its `content-visibility: auto` groups come back undecided:
// the frame lays them out at their estimated size, finds some on screen or near it, draws
// those whole (up to 20 messages each) and lays out again, up to three times, which is
// most of what opening a chat seen before costs on a slow phone. So the view is measured
// as it is left, and put back with only the messages that fill the thread's end drawn:
// everything above them is skipped at its measured size (`content-visibility: hidden`,
// which needs no decision). After that first frame the thread's own styles apply again.
const GROUP = ".message-chunk";
const SCROLLER = "[data-thread-scroller]";

/** As the view is left, still laid out: the thread's visible height, and the size of each group and of each message near the end. */
export function measureView(view: HTMLElement): void {
  const scroller = view.querySelector<HTMLElement>(SCROLLER);
  if (!scroller) return;
  const visible = scroller.clientHeight;
  scroller.dataset.visibleHeight = String(visible);
  let below = 0;
  for (const group of [...view.querySelectorAll<HTMLElement>(GROUP)].reverse()) {
    below += measure(group);
    if (below - measure(group) < visible) for (const message of group.children) measure(message as HTMLElement);
  }
}

function measure(element: HTMLElement): number {
  const { width, height } = element.getBoundingClientRect();
  element.dataset.size = `${width} ${height}`;
  return height;
}

/** Before the view is put back (it opens at the thread's end): draw only what shows there. */
export function settleView(view: HTMLElement): void {
  const visible = Number(view.querySelector<HTMLElement>(SCROLLER)?.dataset.visibleHeight);
  if (!visible) return;
  let below = 0; // height of what comes after
  for (const group of [...view.querySelectorAll<HTMLElement>(GROUP)].reverse()) {
    if (below >= visible) {
      if (!skip(group)) return thawView(view); // drawn after it was measured: let the browser decide
      continue;
    }
    group.style.contentVisibility = "visible";
    for (const message of [...group.children].reverse() as HTMLElement[]) {
      if (below >= visible && !skip(message)) return thawView(view);
      below += Number(message.dataset.size?.split(" ")[1] ?? 0);
    }
  }
}

function skip(element: HTMLElement): boolean {
  const [width, height] = element.dataset.size?.split(" ").map(Number) ?? [];
  if (width === undefined || height === undefined) return false;
  element.style.contentVisibility = "hidden";
  element.style.containIntrinsicSize = `auto ${width}px auto ${height}px`;
  return true;
}

/** After the first frame: the thread's own styles again (groups `auto`, at their remembered size). */
export function thawView(view: HTMLElement): void {
  for (const element of view.querySelectorAll<HTMLElement>(`${GROUP}, ${GROUP} > *`)) {
    element.style.removeProperty("content-visibility");
    element.style.removeProperty("contain-intrinsic-size");
  }
}
