"use client";
// While a reply runs nothing else can be sent. The last reply's buttons (regenerate,
// retry) read that from a store handed down once by a context that never changes, so
// they alone render again when a reply starts or ends. The many edit and version buttons
// up a long thread do not follow it at all (rendering or restyling them all costs a phone
// hundreds of milliseconds at every send): pressed meanwhile, they say why they cannot.
import { createContext, useContext } from "react";
import { createStore, useStore, type Store } from "../lib/store";

export const ThreadBusy = createContext<Store<boolean>>(createStore(false));

export const useThreadBusy = () => useStore(useContext(ThreadBusy));
