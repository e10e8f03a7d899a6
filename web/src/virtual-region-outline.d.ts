declare module 'virtual:region-outline' {
  const outline: import('../build/regionOutline').RegionOutline;
  export default outline;
}
