/**
 * Per-attempt plugin scratch space (upstream's CycleState): PreFilter/PreScore compute once per pod and store their
 * result under their own key; Filter/Score read it per node. Preemption clones it to evaluate "what if these pods
 * were gone" without disturbing the original, so stored values that change under AddPod/RemovePod implement clone().
 */
export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose PreFilter returned Skip: the runtime does not call their Filter. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: the runtime does not call their Score. */
  readonly skipScorePlugins = new Set<string>();
  /**
   * The runtime's memo of a plugin list without the skipped plugins (the Filter loop runs it once per node): the
   * list it was made from and the skip set's size then, so that a change of either recomputes it. Not cloned.
   */
  activeFilters?: { from: readonly unknown[]; skipped: number; list: readonly unknown[] };

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  /** Like read, but a missing entry is an error (the plugin's PreFilter did not run). */
  mustRead<T extends StateData>(key: string): T {
    const v = this.data.get(key);
    if (!v) throw new Error(`reading ${JSON.stringify(key)} from cycleState: not found`);
    return v as T;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
