// CanvasSim
