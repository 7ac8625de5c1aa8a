// A drawn chat view (see DrawnChat) is put back into the document drawing no more than
// what shows. Left as they are, its `content-visibility: auto` groups come back undecided:
// the frame lays them out at their estimated size, finds some on screen or near it, draws
// those whole (up to 20 messages each) and lays out again, up to three times, which is
// most of what opening a chat seen before costs on a slow phone. So the view is measured
// as it is left, and put back with only the messages that fill the thread's end drawn:
// everything above them is skipped at its measured size (`content-visibility: hidden`,
// which needs no decision). After that first frame the thread's own styles apply again.
const GROUP = ".message-chunk";

/** Measured as the view was left: each group, and each message near the end. */
const sizes = new WeakMap<Element, { width: number; height: number }>();
/** The thread's visible height as the view was left. */
const visibleHeights = new WeakMap<HTMLElement, number>();

/** The view's scrolling thread. */
export const threadScroller = (view: HTMLElement) => view.querySelector<HTMLElement>("[data-thread-scroller]");

/** As the view is left, still laid out: what `settleView` needs to put it back. */
export function measureView(view: HTMLElement): void {
  const scroller = threadScroller(view);
  if (!scroller) return;
  const visible = scroller.clientHeight;
  visibleHeights.set(view, visible);
  let below = 0; // height of the groups after this one
  for (const group of [...view.querySelectorAll(GROUP)].reverse()) {
    if (below < visible) for (const message of group.children) measure(message);
    below += measure(group);
  }
}

function measure(element: Element): number {
  const { width, height } = element.getBoundingClientRect();
  sizes.set(element, { width, height });
  return height;
}

/** Before the view is put back (it opens at the thread's end): draw only what shows there. */
export function settleView(view: HTMLElement): void {
  const visible = visibleHeights.get(view);
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
      below += sizes.get(message)?.height ?? 0;
    }
  }
}

function skip(element: HTMLElement): boolean {
  const size = sizes.get(element);
  if (!size) return false;
  element.style.contentVisibility = "hidden";
  element.style.containIntrinsicSize = `auto ${size.width}px auto ${size.height}px`;
  return true;
}

/** After the first frame: the thread's own styles again (groups `auto`, at their remembered size). */
export function thawView(view: HTMLElement): void {
  for (const element of view.querySelectorAll<HTMLElement>(`${GROUP}, ${GROUP} > *`)) {
    element.style.removeProperty("content-visibility");
    element.style.removeProperty("contain-intrinsic-size");
  }
}
