// CanvasAPI
