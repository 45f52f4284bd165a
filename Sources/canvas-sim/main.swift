import CanvasSim
