// CSS bundled as text (scripts/buildPage.mjs: loader '.css': 'text').
declare module '*.css' {
  const text: string
  export default text
}
