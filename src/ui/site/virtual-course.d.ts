// The course, written into the bundle by build/lessonsPlugin.ts.
declare module 'virtual:course-index' {
  const cards: import('./course').LessonCard[];
  export default cards;
}
declare module 'virtual:course' {
  const lessons: import('./course').PageLesson[];
  export default lessons;
}
