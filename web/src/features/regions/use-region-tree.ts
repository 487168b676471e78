import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { type ApiState, useApi } from "../../api/use-api.js";
import { type RegionDetail, type RegionLevel, type RegionNode, regionsApi } from "./regions-api.js";

/** Levels from the top; a region's children are one step down (GB/T 2260 code lengths 2, 4, 6, 9, 12). */
export const regionLevelOrder: readonly RegionLevel[] = ["province", "city", "county", "township", "village"];

const codeLengths = [2, 4, 6, 9, 12];

/** The codes above `code` by truncation (32 → 3204 → 320481 …), top first, itself excluded. */
export function ancestorCodesOf(code: string): string[] {
  return codeLengths.filter((n) => n < code.length).map((n) => code.slice(0, n));
}

/** The ancestors of a region (top first, itself excluded), from its path when the server gave one. */
export function ancestorsOf(detail: RegionDetail): string[] {
  const fromPath = detail.path.map((p) => p.code).filter((c) => c !== detail.code);
  return fromPath.length > 0 ? fromPath : ancestorCodesOf(detail.code);
}

export type RegionTree = {
  /** The top of the tree: the deployment's provinces, or the single node at `rootCode`. */
  roots: ApiState<RegionNode[]>;
  /** A region seen by any call so far (tree, search hit, detail). */
  node: (code: string) => RegionNode | undefined;
  /** The loaded children of a region; undefined while not loaded. */
  childrenOf: (code: string) => RegionNode[] | undefined;
  /** Loads (once) the children of a region; concurrent calls share one request. */
  loadChildren: (code: string) => Promise<RegionNode[]>;
  /** Records regions fetched elsewhere (a search hit, a detail, a rename) so labels stay current. */
  remember: (nodes: readonly RegionNode[]) => void;
  /**
   * Loads every level between the root and `detail`, returning the codes to expand (top first),
   * or undefined when the region lies outside this tree.
   */
  reveal: (detail: RegionDetail) => Promise<string[] | undefined>;
  /** The regions whose children are loaded: the tree's `loadedKeys`, so a reset loads them again. */
  loadedCodes: string[];
  /** True when `code` is on screen: every region above it (up to a root) is loaded and in `expandedKeys`. */
  isShown: (code: string, expandedKeys: readonly string[]) => boolean;
  /** Nested tree data from the roots down through the loaded levels. */
  build: <T>(make: (node: RegionNode, children: T[] | undefined) => T) => T[];
  /** Forgets loaded children and reloads the roots. */
  reset: () => void;
  /** Changes whenever a loaded level or a node changes (for memoisation). */
  revision: number;
};

type Store = { nodes: Map<string, RegionNode>; children: Map<string, string[]> };

/** A lazily loaded view of the division tree shared by the region page and the region select. */
export function useRegionTree(rootCode?: string): RegionTree {
  const store = useRef<Store>({ nodes: new Map(), children: new Map() });
  const inflight = useRef(new Map<string, Promise<RegionNode[]>>());
  const [revision, bump] = useReducer((n: number) => n + 1, 0);

  const roots = useApi(
    async (signal) => (rootCode ? [await regionsApi.get(rootCode, signal)] : (await regionsApi.roots(signal)).items),
    [rootCode],
  );

  const remember = useCallback((nodes: readonly RegionNode[]) => {
    for (const n of nodes) store.current.nodes.set(n.code, n);
    if (nodes.length > 0) bump();
  }, []);

  useEffect(() => {
    if (roots.data) remember(roots.data);
  }, [roots.data, remember]);

  const node = useCallback((code: string) => store.current.nodes.get(code), []);

  const childrenOf = useCallback((code: string) => {
    const codes = store.current.children.get(code);
    return codes?.flatMap((c) => store.current.nodes.get(c) ?? []);
  }, []);

  const loadChildren = useCallback(
    (code: string): Promise<RegionNode[]> => {
      const loaded = childrenOf(code);
      if (loaded) return Promise.resolve(loaded);
      const pending = inflight.current.get(code);
      if (pending) return pending;
      const request = regionsApi
        .children(code)
        .then(({ items }) => {
          for (const n of items) store.current.nodes.set(n.code, n);
          store.current.children.set(
            code,
            items.map((n) => n.code),
          );
          bump();
          return items;
        })
        .finally(() => inflight.current.delete(code));
      inflight.current.set(code, request);
      return request;
    },
    [childrenOf],
  );

  const reveal = useCallback(
    async (detail: RegionDetail): Promise<string[] | undefined> => {
      remember([detail]);
      const ancestors = ancestorsOf(detail);
      let chain = ancestors;
      if (rootCode) {
        if (detail.code === rootCode) return [];
        const start = ancestors.indexOf(rootCode);
        if (start < 0) return undefined;
        chain = ancestors.slice(start);
      } else if (chain.length === 0) {
        return [];
      }
      await Promise.all(chain.map(loadChildren));
      return chain;
    },
    [rootCode, remember, loadChildren],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks a change of the mutable store.
  const build = useCallback(
    <T>(make: (node: RegionNode, children: T[] | undefined) => T): T[] => {
      const walk = (n: RegionNode): T => make(n, childrenOf(n.code)?.map(walk));
      return (roots.data ?? []).map((r) => walk(store.current.nodes.get(r.code) ?? r));
    },
    [roots.data, childrenOf, revision],
  );

  const isShown = (code: string, expandedKeys: readonly string[]): boolean => {
    if (roots.data?.some((r) => r.code === code)) return true;
    const parent = store.current.nodes.get(code)?.parentCode;
    if (!parent || !expandedKeys.includes(parent)) return false;
    return !!store.current.children.get(parent)?.includes(code) && isShown(parent, expandedKeys);
  };

  const reloadRoots = roots.reload;
  const reset = useCallback(() => {
    store.current.children.clear();
    bump();
    reloadRoots();
  }, [reloadRoots]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks a change of the mutable store.
  const loadedCodes = useMemo(() => [...store.current.children.keys()], [revision]);

  return { roots, node, childrenOf, loadChildren, remember, reveal, loadedCodes, isShown, build, reset, revision };
}
